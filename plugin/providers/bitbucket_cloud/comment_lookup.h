// Finding keyed comments on Bitbucket Cloud: the listing of a pull request's comments by marker
// (providers/comment_marker.h). Used before a slot that does not know its comment creates one,
// and to reconcile a create whose answer was lost.
#pragma once

#include <cstdint>
#include <string>

#include "providers/comment_index.h"
#include "providers/host_exchange.h"

namespace cib::bitbucket_cloud {

// Lists every comment of the PR (100 a page, following `next`) and returns its keyed comments
// that are not deleted; the oldest wins when two carry the same key. A PR the host does not
// know holds none. Stops after 100 pages (10,000 comments): keys beyond are not found.
HeldComments list_keyed_comments(const std::string& repo, std::int64_t pr,
                                 const std::string& api_url, HostExchange& exchange);

}  // namespace cib::bitbucket_cloud
