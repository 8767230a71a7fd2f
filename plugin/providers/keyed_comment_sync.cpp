#include "providers/keyed_comment_sync.h"

#include <optional>
#include <utility>

#include "providers/comment_marker.h"
#include "providers/host_exchange.h"
#include "providers/provider.h"
#include "runtime/sha256.h"

namespace cib {

namespace {

// The intent goes into RemoteState before the create leaves: the core persists RemoteState
// before each request, so a process that dies while sending reconciles instead of creating a
// second comment. It is withdrawn only when the request surely made nothing.
void create_comment(const std::string& raw, CommentHost& host, RemoteState& remote) {
  remote.create_ambiguous = true;
  HttpResponse response;
  try {
    response = host.create(raw);
  } catch (const TransportError& e) {
    if (!e.maybe_applied()) remote.create_ambiguous = false;
    throw;
  } catch (const HostError& e) {
    // A 5xx (often a proxy's) does not say whether the comment was made; a 4xx refused it.
    if (e.http_status() < 500) remote.create_ambiguous = false;
    throw;
  } catch (...) {
    remote.create_ambiguous = false;  // refused before sending (superseded, say)
    throw;
  }
  remote.remote_id = host.created_id(response);
  remote.create_ambiguous = false;
}

// The comment the host holds under the key. After an ambiguous create the thread is listed
// afresh (the create may have landed after an earlier listing); otherwise a listing this
// provider already holds serves every key of the thread.
std::optional<HeldComment> find_by_marker(const CommentPlace& place, bool afresh,
                                          CommentIndex& index, CommentHost& host) {
  if (afresh || !index.knows(place.repo, place.thread)) {
    HeldComments held = host.list();
    const auto found = held.find(place.key);
    std::optional<HeldComment> result;
    if (found != held.end()) result = found->second;
    index.store(place.repo, place.thread, std::move(held));
    return result;
  }
  return index.find(place.repo, place.thread, place.key);
}

}  // namespace

HttpRequest comment_request(const std::string& method, const std::string& target,
                            std::string body) {
  return host_request(method, target, std::move(body));
}

void sync_keyed_comment(const CommentPlace& place, const std::string& body, CommentsMode mode,
                        CommentIndex& index, CommentHost& host, RemoteState& remote) {
  const std::string raw = marked_comment(body, place.key);
  const std::string text_digest = sha256_hex(raw);
  if (mode == CommentsMode::append) {
    create_comment(raw, host, remote);
    remote.host_known = true;
    return;
  }
  if (remote.remote_id.empty() && (remote.create_ambiguous || !remote.host_known)) {
    const auto found = find_by_marker(place, remote.create_ambiguous, index, host);
    remote.host_known = true;
    if (found) {
      remote.remote_id = found->id;
      remote.create_ambiguous = false;
      if (found->text_digest == text_digest) return;
    }
  }
  if (!remote.remote_id.empty()) {
    if (host.update(remote.remote_id, raw)) {
      remote.remote_id = host.updated_id(remote.remote_id);
      remote.host_known = true;
      index.remember(place.repo, place.thread, place.key,
                     HeldComment{remote.remote_id, text_digest});
      return;
    }
    index.forget(place.repo, place.thread, place.key);
    remote.remote_id.clear();
  }
  create_comment(raw, host, remote);
  remote.host_known = true;
  index.remember(place.repo, place.thread, place.key, HeldComment{remote.remote_id, text_digest});
}

}  // namespace cib
