#include "github_router.h"

#include <vector>

#include "router.h"

namespace cib::sim {
namespace {

using Segments = std::vector<std::string>;

bool filled(const Segments& segments) {
  for (const auto& segment : segments) {
    if (segment.empty()) return false;
  }
  return true;
}

// segments after "/repos/{o}/{r}/commits/{ref}/"
GithubEndpoint commit_endpoint(const std::string& rest) {
  if (rest == "statuses") return GithubEndpoint::kStatusList;
  if (rest == "status") return GithubEndpoint::kCombinedStatus;
  if (rest == "pulls") return GithubEndpoint::kCommitPulls;
  if (rest == "check-runs") return GithubEndpoint::kCommitCheckRuns;
  return GithubEndpoint::kUnknown;
}

// segments after "/repos/{o}/{r}/" (at least one, none empty)
GithubEndpoint repo_endpoint(const Segments& rest, GithubRoute& route) {
  const auto n = rest.size();
  if (rest[0] == "statuses" && n == 2) {
    route.ref = decode(rest[1]);
    return GithubEndpoint::kStatusCreate;
  }
  if (rest[0] == "commits" && n == 3) {
    route.ref = decode(rest[1]);
    return commit_endpoint(rest[2]);
  }
  if (rest[0] == "issues" && n == 3) {
    const bool item = rest[1] == "comments";
    if (!item && rest[2] != "comments") return GithubEndpoint::kUnknown;
    route.id = decode(item ? rest[2] : rest[1]);
    return item ? GithubEndpoint::kIssueComment : GithubEndpoint::kIssueComments;
  }
  if (rest[0] == "pulls" && n <= 2) {
    if (n == 1) return GithubEndpoint::kPulls;
    route.id = decode(rest[1]);
    return GithubEndpoint::kPull;
  }
  if (rest[0] == "check-runs") {
    if (n == 1) return GithubEndpoint::kCheckRunCreate;
    route.id = decode(rest[1]);
    if (n == 2) return GithubEndpoint::kCheckRun;
    if (n == 3 && rest[2] == "annotations") return GithubEndpoint::kCheckRunAnnotations;
  }
  return GithubEndpoint::kUnknown;
}

// "/user/repos", "/orgs/{org}/repos" or "/users/{user}/repos"; false for any other path.
bool route_account_repos(const Segments& rest, GithubRoute& route) {
  if (rest.size() == 2 && rest[0] == "user" && rest[1] == "repos") {
    route.endpoint = GithubEndpoint::kUserRepos;
    return true;
  }
  if (rest.size() == 3 && (rest[0] == "orgs" || rest[0] == "users") && rest[2] == "repos") {
    route.owner = decode(rest[1]);
    route.endpoint = GithubEndpoint::kOrgRepos;
    return true;
  }
  return false;
}

}  // namespace

bool is_github_enterprise_target(const std::string& raw_target) {
  return raw_target.rfind(std::string(kGithubEnterpriseBase) + "/", 0) == 0;
}

GithubRoute route_github_request(const std::string& raw_target) {
  GithubRoute route;
  const auto question = raw_target.find('?');
  route.raw_path = raw_target.substr(0, question);
  if (question != std::string::npos) route.query = parse_query(raw_target.substr(question + 1));

  std::string path = route.raw_path;
  if (is_github_enterprise_target(path))
    path = path.substr(std::string(kGithubEnterpriseBase).size());
  // "/repos/O/R/rest..." -> ["", "repos", "O", "R", ...]
  const auto segments = split(path, '/');
  if (segments.size() < 2 || !segments[0].empty()) return route;
  const Segments rest(segments.begin() + 1, segments.end());
  if (!filled(rest)) return route;
  if (rest.size() == 4 && rest[0] == "app" && rest[1] == "installations" &&
      rest[3] == "access_tokens") {
    route.id = decode(rest[2]);
    route.endpoint = GithubEndpoint::kAccessTokens;
    return route;
  }
  if (route_account_repos(rest, route)) return route;
  if (rest.size() < 3 || rest[0] != "repos") return route;
  route.repo = decode(rest[1]) + "/" + decode(rest[2]);
  route.endpoint = rest.size() == 3 ? GithubEndpoint::kRepo
                                    : repo_endpoint(Segments(rest.begin() + 3, rest.end()), route);
  return route;
}

std::string github_spec_path_of(GithubEndpoint endpoint) {
  const std::string repo = "/repos/{owner}/{repo}";
  switch (endpoint) {
    case GithubEndpoint::kStatusCreate:
      return repo + "/statuses/{sha}";
    case GithubEndpoint::kStatusList:
      return repo + "/commits/{ref}/statuses";
    case GithubEndpoint::kCombinedStatus:
      return repo + "/commits/{ref}/status";
    case GithubEndpoint::kCommitPulls:
      return repo + "/commits/{commit_sha}/pulls";
    case GithubEndpoint::kCommitCheckRuns:
      return repo + "/commits/{ref}/check-runs";
    case GithubEndpoint::kIssueComments:
      return repo + "/issues/{issue_number}/comments";
    case GithubEndpoint::kIssueComment:
      return repo + "/issues/comments/{comment_id}";
    case GithubEndpoint::kCheckRunCreate:
      return repo + "/check-runs";
    case GithubEndpoint::kCheckRun:
      return repo + "/check-runs/{check_run_id}";
    case GithubEndpoint::kCheckRunAnnotations:
      return repo + "/check-runs/{check_run_id}/annotations";
    case GithubEndpoint::kAccessTokens:
      return "/app/installations/{installation_id}/access_tokens";
    case GithubEndpoint::kRepo:
      return repo;
    case GithubEndpoint::kPulls:
      return repo + "/pulls";
    case GithubEndpoint::kPull:
      return repo + "/pulls/{pull_number}";
    case GithubEndpoint::kOrgRepos:
      return "/orgs/{org}/repos";
    case GithubEndpoint::kUserRepos:
      return "/user/repos";
    case GithubEndpoint::kUnknown:
      break;
  }
  return "";
}

}  // namespace cib::sim
