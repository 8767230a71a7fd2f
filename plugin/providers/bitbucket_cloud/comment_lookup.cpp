#include "providers/bitbucket_cloud/comment_lookup.h"

#include <sstream>

#include "model/marker_key.h"
#include "providers/bitbucket_cloud/answers.h"
#include "providers/bitbucket_cloud/page_walk.h"
#include "providers/bitbucket_cloud/targets.h"
#include "runtime/sha256.h"

namespace cib::bitbucket_cloud {

namespace {

constexpr const char* kMarkerStart = "[//]: # (cibatch:";
constexpr const char* kMarkerEnd = ")";

// A PR with more comments than this is not searched further.
constexpr int kMaxListPages = 100;

}  // namespace

std::string comment_marker(const std::string& key) {
  return kMarkerStart + encode_marker_key(key) + kMarkerEnd;
}

std::string marked_comment(const std::string& body, const std::string& key) {
  return body + "\n\n" + comment_marker(key);
}

std::vector<std::string> marker_keys(const std::string& raw) {
  const std::string start = kMarkerStart;
  std::vector<std::string> keys;
  std::istringstream lines(raw);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > start.size() && line.compare(0, start.size(), start) == 0 &&
        line.back() == kMarkerEnd[0]) {
      keys.push_back(decode_marker_key(line.substr(start.size(), line.size() - start.size() - 1)));
    }
  }
  return keys;
}

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
