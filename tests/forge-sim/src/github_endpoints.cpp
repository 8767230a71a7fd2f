#include "github_endpoints.h"

#include "gitlab_pagination.h"
#include "host_dialect.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

constexpr int kDefaultPerPage = 30;
constexpr int kCreated = 201;

bool is_check_run_endpoint(GithubEndpoint endpoint) {
  return endpoint == GithubEndpoint::kCheckRunCreate || endpoint == GithubEndpoint::kCheckRun ||
         endpoint == GithubEndpoint::kCheckRunAnnotations ||
         endpoint == GithubEndpoint::kCommitCheckRuns;
}

// A comment posted on an issue that is a pull request changes the pull request (its comment
// count and updated_at), so a cached read of it goes stale, as on the host.
Answer serve_github_commented(const GithubCall& call, SimContext& context) {
  auto answer = serve_github_comments(call, context.state.comments, context.github);
  long number = 0;
  if (call.route.endpoint == GithubEndpoint::kIssueComments && call.method == "POST" &&
      answer.status == kCreated && parse_positive_id(call.route.id, number)) {
    context.repos.touch_pull_request(call.route.repo, number, 1);
  }
  return answer;
}

}  // namespace

Answer github_error(int status, const std::string& message) {
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  body->set("message", message);
  body->set("documentation_url", kGithubDocs);
  body->set("status", std::to_string(status));
  return json_answer(status, body);
}

Answer serve_github_call(const GithubCall& call, SimContext& context) {
  const auto endpoint = call.route.endpoint;
  if (endpoint == GithubEndpoint::kUnknown) return github_error(404, "Not Found");
  if (endpoint == GithubEndpoint::kAccessTokens) return serve_github_access_tokens(call, context);
  const auto kind = context.github.token_kind(call.token);
  if (kind == GithubTokenKind::kBad) return github_error(401, "Bad credentials");
  // Anyone may read check runs; only an App creates or updates them.
  if (is_check_run_endpoint(endpoint) && call.method != "GET" &&
      kind != GithubTokenKind::kInstallation) {
    return github_error(403, "You must authenticate via a GitHub App.");
  }
  if (is_github_repo_read(endpoint)) return serve_github_repo_reads(call, context.repos);
  switch (endpoint) {
    case GithubEndpoint::kStatusCreate:
    case GithubEndpoint::kStatusList:
    case GithubEndpoint::kCombinedStatus:
      return serve_github_statuses(call, context.state.statuses, context.github);
    case GithubEndpoint::kCommitPulls:
      return serve_github_commit_pulls(call, context.github);
    case GithubEndpoint::kIssueComments:
    case GithubEndpoint::kIssueComment:
      return serve_github_commented(call, context);
    default:
      return serve_github_check_runs(call, context.github.check_runs, context.state.reports);
  }
}

Answer github_paged(const GithubCall& call, const std::vector<Poco::JSON::Object::Ptr>& all) {
  auto page = read_gitlab_page(call.route.query);
  if (call.route.query.count("per_page") == 0) page.per_page = kDefaultPerPage;
  auto answer = gitlab_page_answer(all, page, call.origin, call.route.raw_path, call.route.query);
  // GitHub pages only through Link; GitLab's X-* headers are not GitHub's.
  Headers kept;
  for (const auto& header : answer.headers) {
    if (header.first == "Link") kept.push_back(header);
  }
  answer.headers = kept;
  return answer;
}

Poco::JSON::Object::Ptr github_user() {
  Poco::JSON::Object::Ptr user = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  user->set("login", "cibatch-bot");
  user->set("id", 1);
  user->set("type", "Bot");
  user->set("html_url", "https://github.example/cibatch-bot");
  return user;
}

std::string github_api_url(const GithubCall& call) {
  return call.origin +
         (is_github_enterprise_target(call.route.raw_path) ? kGithubEnterpriseBase : "");
}

}  // namespace cib::sim
