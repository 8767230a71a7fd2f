// Finding keyed comments on the host: the marker line that names a comment's key, and the
// listing of a pull request's comments by marker. Used before a slot that does not know its
// comment creates one, and to reconcile a create whose answer was lost.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "providers/bitbucket_cloud/comment_index.h"
#include "providers/bitbucket_cloud/host_exchange.h"

namespace cib::bitbucket_cloud {

// `[//]: # (cibatch:KEY)`: a Markdown link definition, which Bitbucket does not render (it
// escapes HTML comments). The marker is one line whatever the key: control characters (and
// Unicode line breaks) in it are written %XX, and a '%' that would read as such an escape is
// written %25; keys without either are written as they are, as earlier versions wrote them.
std::string comment_marker(const std::string& key);

// The text the host holds for a keyed comment: the body, a blank line, the marker.
std::string marked_comment(const std::string& body, const std::string& key);

// The keys of the marker lines in `raw`, decoded, in order.
std::vector<std::string> marker_keys(const std::string& raw);

// Lists every comment of the PR (100 a page, following `next`) and returns its keyed comments
// that are not deleted; the oldest wins when two carry the same key. A PR the host does not
// know holds none. Stops after 100 pages (10,000 comments): keys beyond are not found.
HeldComments list_keyed_comments(const std::string& repo, std::int64_t pr,
                                 const std::string& api_url, HostExchange& exchange);

}  // namespace cib::bitbucket_cloud
