#include "providers/bitbucket_cloud/comment_lookup.h"

#include "providers/bitbucket_cloud/answers.h"
#include "providers/bitbucket_cloud/page_walk.h"
#include "providers/bitbucket_cloud/targets.h"
#include "providers/comment_marker.h"
#include "runtime/sha256.h"

namespace cib::bitbucket_cloud {

namespace {

// A PR with more comments than this is not searched further.
constexpr int kMaxListPages = 100;

}  // namespace

HeldComments list_keyed_comments(const std::string& repo, std::int64_t pr,
                                 const std::string& api_url, HostExchange& exchange) {
  HeldComments held;
  walk_pages(exchange, comments_target(repo, pr), api_url, kMaxListPages,
             [&held](const std::string& body) {
               const CommentPage page = read_comment_page(body);
               for (const CommentAnswer& comment : page.comments) {
                 if (comment.deleted) continue;
                 const std::string digest = sha256_hex(comment.raw);
                 for (const std::string& key : marker_keys(comment.raw)) {
                   held.emplace(key, HeldComment{comment.id, digest});
                 }
               }
               return page.next;
             });
  return held;
}

}  // namespace cib::bitbucket_cloud
