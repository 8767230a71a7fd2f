// Maps a raw request target to a GitHub REST endpoint. GitHub.com serves at the root and
// GitHub Enterprise Server under /api/v3; both prefixes route the same.
//
// As in router.h, the target is split into segments before percent-decoding.
#pragma once

#include <map>
#include <string>

namespace cib::sim {

enum class GithubEndpoint {
  kUnknown,              // 404 Not Found
  kStatusCreate,         // POST /repos/{o}/{r}/statuses/{sha}
  kStatusList,           // GET  /repos/{o}/{r}/commits/{ref}/statuses
  kCombinedStatus,       // GET  /repos/{o}/{r}/commits/{ref}/status
  kCommitPulls,          // GET  /repos/{o}/{r}/commits/{sha}/pulls
  kCommitCheckRuns,      // GET  /repos/{o}/{r}/commits/{ref}/check-runs
  kIssueComments,        // GET, POST /repos/{o}/{r}/issues/{n}/comments
  kIssueComment,         // GET, PATCH, DELETE /repos/{o}/{r}/issues/comments/{id}
  kCheckRunCreate,       // POST /repos/{o}/{r}/check-runs
  kCheckRun,             // GET, PATCH /repos/{o}/{r}/check-runs/{id}
  kCheckRunAnnotations,  // GET /repos/{o}/{r}/check-runs/{id}/annotations
  kAccessTokens,         // POST /app/installations/{id}/access_tokens
  // The reads polling tools make:
  kRepo,       // GET /repos/{o}/{r}
  kPulls,      // GET /repos/{o}/{r}/pulls
  kPull,       // GET, PATCH /repos/{o}/{r}/pulls/{n}
  kOrgRepos,   // GET /orgs/{org}/repos (and /users/{user}/repos)
  kUserRepos,  // GET /user/repos
};

struct GithubRoute {
  GithubEndpoint endpoint = GithubEndpoint::kUnknown;
  std::string repo;                          // "owner/name", decoded
  std::string owner;                         // of /orgs/{org}/repos, decoded
  std::string ref;                           // the sha or ref, decoded
  std::string id;                            // issue number, comment, check run or installation
  std::string raw_path;                      // path part of the target, still encoded
  std::map<std::string, std::string> query;  // decoded
};

// Enterprise Server's base path; GitHub.com has none.
inline constexpr const char* kGithubEnterpriseBase = "/api/v3";

// True for targets under /api/v3/ (GitHub Enterprise Server's, not SonarQube's).
bool is_github_enterprise_target(const std::string& raw_target);

// Throws Poco::SyntaxException on a malformed escape; the caller answers 400.
GithubRoute route_github_request(const std::string& raw_target);

// The spec's path template of an endpoint, e.g. "/repos/{owner}/{repo}/statuses/{sha}"; empty
// for the unknown one.
std::string github_spec_path_of(GithubEndpoint endpoint);

}  // namespace cib::sim
