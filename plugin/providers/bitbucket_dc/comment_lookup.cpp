#include "providers/bitbucket_dc/comment_lookup.h"

#include <map>
#include <stdexcept>

#include "providers/bitbucket_dc/answers.h"
#include "providers/bitbucket_dc/targets.h"
#include "providers/comment_marker.h"
#include "runtime/sha256.h"

namespace cib::bitbucket_dc {

namespace {

// A PR with more activities than this is not searched further.
constexpr int kMaxListPages = 100;

bool is_number(const std::string& text) {
  return !text.empty() && text.size() < 19 &&
         text.find_first_not_of("0123456789") == std::string::npos;
}

// The lowest id wins: ids grow, so it is the oldest comment.
void keep_oldest(HeldComments& held, const std::string& key, const CommentAnswer& comment,
                 const std::string& digest) {
  const auto found = held.find(key);
  if (found != held.end() &&
      std::stoll(parse_comment_ref(found->second.id).id) <= std::stoll(comment.id)) {
    return;
  }
  held[key] = HeldComment{comment_ref(comment.id, comment.version), digest};
}

}  // namespace

std::string comment_ref(const std::string& id, std::int64_t version) {
  return version < 0 ? id : id + '@' + std::to_string(version);
}

CommentRef parse_comment_ref(const std::string& ref) {
  const auto at = ref.find('@');
  CommentRef parsed;
  parsed.id = ref.substr(0, at);
  const std::string version = at == std::string::npos ? "" : ref.substr(at + 1);
  if (!is_number(parsed.id) || (at != std::string::npos && !is_number(version))) {
    throw std::invalid_argument("comment reference \"" + ref + "\" is not ID@VERSION");
  }
  if (!version.empty()) parsed.version = std::stoll(version);
  return parsed;
}

HeldComments list_keyed_comments(const std::string& repo, std::int64_t pr, HostExchange& exchange) {
  HeldComments held;
  HttpRequest request;
  request.method = "GET";
  std::int64_t start = 0;
  for (int page = 0; page < kMaxListPages && start >= 0; ++page) {
    request.target = activities_target(repo, pr, start);
    // Only the first page may say the PR is missing; later pages must exist.
    const HttpResponse response =
        page == 0 ? exchange.send(request, {404}) : exchange.send(request);
    if (!is_success(response.status)) break;
    ActivityPage activities;
    try {
      activities = read_activity_page(response.body);
      for (const CommentAnswer& comment : activities.comments) {
        if (!is_number(comment.id)) throw std::runtime_error("a comment id is not a number");
        const std::string digest = sha256_hex(comment.text);
        for (const std::string& key : marker_keys(comment.text)) {
          keep_oldest(held, key, comment, digest);
        }
      }
    } catch (const std::exception& e) {
      throw unreadable_answer(request, response, e.what());
    }
    start = activities.next_start;
  }
  return held;
}

}  // namespace cib::bitbucket_dc
