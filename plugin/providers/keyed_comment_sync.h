// Keyed comments on any host: created once, then edited in place, found again by their marker
// (providers/comment_marker.h) when the slot does not know what the host holds (a new agent, an
// empty spool) and after a create whose answer was lost. The host's requests come from a
// CommentHost; this file holds the order of things and what RemoteState records.
#pragma once

#include <cstdint>
#include <string>

#include "config/settings.h"
#include "model/remote_state.h"
#include "providers/comment_index.h"
#include "transport/http_types.h"

namespace cib {

// One thread (PR, merge request) of one host, as keyed comments need it.
class CommentHost {
 public:
  virtual ~CommentHost() = default;
  // Sends the create of a comment holding `raw`. Throws HostError or TransportError when it
  // did not go through.
  virtual HttpResponse create(const std::string& raw) = 0;
  // The new comment's id in a create's answer; throws HostError when the answer does not say.
  virtual std::string created_id(const HttpResponse& response) = 0;
  // Edits comment `id` to hold `raw`; false when the host no longer has it (404, 410, deleted).
  virtual bool update(const std::string& id, const std::string& raw) = 0;
  // The id to remember after update(id) returned true. A host whose edits name the comment's
  // version (Bitbucket Data Center) keeps it in the id, and the edit made a new one.
  virtual std::string updated_id(const std::string& id) { return id; }
  // Every keyed comment of the thread, by marker key (the oldest wins).
  virtual HeldComments list() = 0;
};

// A comment request of `method` to `target` with the JSON `body`; only a POST (a create) is
// not idempotent.
HttpRequest comment_request(const std::string& method, const std::string& target, std::string body);

// Where a keyed comment lives: the thread the index knows it by, and its key.
struct CommentPlace {
  const std::string& repo;
  std::int64_t thread;  // PR or merge request number
  const std::string& key;
};

// Makes the thread hold `body` under `place.key` (the marker appended). upsert/summary: a slot
// that does not know the host (remote.host_known false, no id) first finds its comment by
// marker, listing the thread once per provider (`index`); a slot whose create may have landed
// lists it afresh. A found comment is edited only when its text differs; a remembered one that
// is gone is forgotten and created anew. append: always create.
// remote.create_ambiguous is set before a create is sent and cleared when its answer names the
// comment; remote.host_known is set once the host was looked up or written.
void sync_keyed_comment(const CommentPlace& place, const std::string& body, CommentsMode mode,
                        CommentIndex& index, CommentHost& host, RemoteState& remote);

}  // namespace cib
