// Finding keyed comments on Bitbucket Data Center after a restart: the PR's activity stream,
// whose COMMENTED activities carry each comment as it is now (its text and version), searched
// for the marker (providers/comment_marker.h).
#pragma once

#include <cstdint>
#include <string>

#include "providers/comment_index.h"
#include "providers/host_exchange.h"

namespace cib::bitbucket_dc {

// What RemoteState and the CommentIndex keep of a DC comment: its id and the version an edit
// must name, "ID@VERSION" ("ID" alone when the version is not known).
std::string comment_ref(const std::string& id, std::int64_t version);

struct CommentRef {
  std::string id;
  std::int64_t version = -1;  // -1: not known
};

// Reads a comment_ref(); throws std::invalid_argument when it is not one.
CommentRef parse_comment_ref(const std::string& ref);

// Lists the PR's activities (100 a page, from `start` to `nextPageStart`) and returns its keyed
// comments by marker key, each as comment_ref(); the oldest comment (the lowest id) wins when
// two carry the same key. A PR the host does not know holds none. Stops after 100 pages.
HeldComments list_keyed_comments(const std::string& repo, std::int64_t pr, HostExchange& exchange);

}  // namespace cib::bitbucket_dc
