// The GitHub endpoints: a routed, authenticated, validated request in, an Answer out.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "answer.h"
#include "github_router.h"
#include "github_state.h"
#include "sim_context.h"

namespace cib::sim {

struct GithubCall : RoutedCall<GithubRoute> {
  std::string token;  // the Bearer token (a JWT for the access-token exchange)
};

inline constexpr const char* kGithubDocs = "https://docs.github.com/rest";

// GitHub's error shape: {"message": "...", "documentation_url": "...", "status": "404"}.
Answer github_error(int status, const std::string& message);

// Checks the token, then dispatches.
Answer serve_github_call(const GithubCall& call, SimContext& context);

Answer serve_github_statuses(const GithubCall& call, StatusStore& statuses, GithubState& github);
Answer serve_github_comments(const GithubCall& call, CommentStore& comments, GithubState& github);
Answer serve_github_commit_pulls(const GithubCall& call, const GithubState& github);
Answer serve_github_check_runs(const GithubCall& call, CheckRunStore& runs, ReportStore& reports);
Answer serve_github_access_tokens(const GithubCall& call, SimContext& context);
// A repository, its pull requests, one pull request, an organisation's or the user's
// repositories.
Answer serve_github_repo_reads(const GithubCall& call, RepoStore& repos);
// True for the endpoints serve_github_repo_reads answers.
bool is_github_repo_read(GithubEndpoint endpoint);

// Shared by the GitHub endpoint files.
// One page of `all` (per_page default 30, at most 100; page from 1) with a Link header.
Answer github_paged(const GithubCall& call, const std::vector<Poco::JSON::Object::Ptr>& all);
Poco::JSON::Object::Ptr github_user();
// "http://127.0.0.1:PORT" + the base the request used ("" or "/api/v3").
std::string github_api_url(const GithubCall& call);

}  // namespace cib::sim
