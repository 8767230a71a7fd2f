#include "providers/github/issue_comments.h"

#include "providers/comment_marker.h"
#include "providers/github/bodies.h"
#include "providers/github/targets.h"
#include "providers/json_answers.h"
#include "providers/page_link.h"
#include "runtime/sha256.h"

namespace cib::github {

namespace {

// A pull request with more comments than this is not searched further.
constexpr int kMaxListPages = 100;

void add_keyed(const std::vector<HostComment>& comments, HeldComments& held) {
  for (const HostComment& comment : comments) {
    const std::string digest = sha256_hex(comment.body);
    for (const std::string& key : marker_keys(comment.body)) {
      held.emplace(key, HeldComment{comment.id, digest});
    }
  }
}

}  // namespace

HeldComments list_keyed_comments(const std::string& repo, std::int64_t pr,
                                 const std::string& api_url, GithubExchange& exchange) {
  HeldComments held;
  std::string target = issue_comments_target(repo, pr) + "?per_page=100&page=1";
  for (int read = 0; read < kMaxListPages && !target.empty(); ++read) {
    // Only the first page may say the pull request is missing; later pages must exist.
    const HttpResponse response = exchange.read(target, read == 0);
    if (!is_success(response.status)) break;
    try {
      add_keyed(read_host_comments(response.body), held);
      const std::string next = next_link(response.header("Link"));
      target = next.empty() ? "" : target_from_link(next, api_url);
    } catch (const std::exception& e) {
      throw unreadable_answer(github_request("GET", target), response, e.what());
    }
  }
  return held;
}

HttpResponse IssueComments::create(const std::string& raw) {
  create_request_ = github_request("POST", issue_comments_target(repo_, pr_), comment_body(raw));
  return exchange_.send(create_request_);
}

std::string IssueComments::created_id(const HttpResponse& response) {
  try {
    return read_host_comment(response.body).id;
  } catch (const std::exception& e) {
    throw unreadable_answer(create_request_, response, e.what());
  }
}

bool IssueComments::update(const std::string& id, const std::string& raw) {
  const HttpRequest request =
      github_request("PATCH", issue_comment_target(repo_, id), comment_body(raw));
  return is_success(exchange_.send(request, true).status);
}

}  // namespace cib::github
