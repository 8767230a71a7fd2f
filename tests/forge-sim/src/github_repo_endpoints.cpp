// GitHub's reads of repositories and pull requests (what polling tools make): a repository, its
// pull requests (state=open|closed|all, paged by Link), one pull request (and a PATCH of its
// title, body or state), an organisation's or the user's repositories.
#include <Poco/DateTimeFormatter.h>

#include <set>

#include "endpoints.h"
#include "github_endpoints.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

using Object = Poco::JSON::Object;

constexpr const char* kGithubTime = "%Y-%m-%dT%H:%M:%SZ";
// GitHub's numeric ids: a repository's is its number, a pull request's is derived from both.
constexpr long kPullIdsPerRepository = 1000000;

std::string github_time(const Poco::Timestamp& stamp) {
  return Poco::DateTimeFormatter::format(stamp, kGithubTime);
}

Object::Ptr new_object() {
  return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Object::Ptr owner_json(const std::string& api_url, const std::string& origin,
                       const std::string& login) {
  auto owner = new_object();
  owner->set("login", login);
  owner->set("type", "Organization");
  owner->set("url", api_url + "/users/" + encode_segment(login));
  owner->set("html_url", origin + "/" + encode_segment(login));
  return owner;
}

Object::Ptr repo_json(const std::string& api_url, const std::string& origin,
                      const RepositoryRecord& repository) {
  const std::string url = api_url + "/repos/" + repository.full_name();
  auto object = new_object();
  object->set("id", repository.number);
  object->set("node_id", "R_" + std::to_string(repository.number));
  object->set("name", repository.slug);
  object->set("full_name", repository.full_name());
  object->set("private", repository.is_private);
  object->set("owner", owner_json(api_url, origin, repository.workspace));
  object->set("html_url", origin + "/" + repository.full_name());
  object->set("description", repository.description);
  object->set("fork", false);
  object->set("url", url);
  object->set("pulls_url", url + "/pulls{/number}");
  object->set("statuses_url", url + "/statuses/{sha}");
  object->set("created_at", github_time(repository.created));
  object->set("updated_at", github_time(repository.updated));
  object->set("pushed_at", github_time(repository.updated));
  object->set("default_branch", repository.mainbranch);
  object->set("visibility", repository.is_private ? "private" : "public");
  return object;
}

Object::Ptr branch_json(const std::string& api_url, const std::string& origin,
                        const RepositoryRecord& repository, const std::string& branch,
                        const std::string& sha) {
  auto object = new_object();
  object->set("label", repository.workspace + ":" + branch);
  object->set("ref", branch);
  object->set("sha", sha);
  object->set("repo", repo_json(api_url, origin, repository));
  return object;
}

Object::Ptr pull_json(const std::string& api_url, const std::string& origin,
                      const RepositoryRecord& repository, const PullRequestRecord& pull) {
  const std::string number = std::to_string(pull.id);
  const std::string url = api_url + "/repos/" + repository.full_name();
  const bool open = pull.state == kPullRequestOpen;
  auto object = new_object();
  object->set("url", url + "/pulls/" + number);
  object->set("id", repository.number * kPullIdsPerRepository + pull.id);
  object->set("node_id", "PR_" + std::to_string(repository.number) + "_" + number);
  object->set("html_url", origin + "/" + repository.full_name() + "/pull/" + number);
  object->set("issue_url", url + "/issues/" + number);
  object->set("comments_url", url + "/issues/" + number + "/comments");
  object->set("statuses_url", url + "/statuses/" + pull.source_commit);
  object->set("number", pull.id);
  object->set("state", open ? "open" : "closed");
  object->set("locked", false);
  object->set("title", pull.title);
  object->set("user", github_user());
  object->set("body", pull.description);
  object->set("created_at", github_time(pull.created));
  object->set("updated_at", github_time(pull.updated));
  const Poco::Dynamic::Var closed_at = github_time(pull.updated);
  object->set("closed_at", open ? Poco::Dynamic::Var() : closed_at);
  object->set("merged_at", pull.state == kPullRequestMerged ? closed_at : Poco::Dynamic::Var());
  object->set("head",
              branch_json(api_url, origin, repository, pull.source_branch, pull.source_commit));
  object->set("base", branch_json(api_url, origin, repository, pull.destination_branch,
                                  pull.destination_commit));
  object->set("draft", false);
  object->set("comments", pull.comment_count);
  return object;
}

// open -> {OPEN}, closed -> the other three, all -> the four; false on anything else.
bool states_of(const std::string& state, std::set<std::string>& states) {
  const bool open = state == "open" || state == "all";
  const bool closed = state == "closed" || state == "all";
  if (!open && !closed) return false;
  if (open) states.insert(kPullRequestOpen);
  if (closed) states.insert({kPullRequestMerged, "DECLINED", "SUPERSEDED"});
  return true;
}

Answer serve_pull_list(const GithubCall& call, const RepositoryRecord& repository,
                       const RepoStore& repos) {
  const auto found = call.route.query.find("state");
  std::set<std::string> states;
  if (!states_of(found == call.route.query.end() ? "open" : found->second, states)) {
    return github_error(422, "Validation Failed: state must be open, closed or all");
  }
  const auto api_url = github_api_url(call);
  std::vector<Object::Ptr> listed;
  for (const auto& pull : repos.pull_requests(repository.full_name(), states)) {
    listed.push_back(pull_json(api_url, call.origin, repository, pull));
  }
  return github_paged(call, listed);
}

// GET, or PATCH {"title"?, "body"?, "state"?: "open"|"closed"}.
Answer serve_pull(const GithubCall& call, const RepositoryRecord& repository, RepoStore& repos) {
  long number = 0;
  if (!parse_positive_id(call.route.id, number) ||
      !repos.pull_request(repository.full_name(), number)) {
    return github_error(404, "Not Found");
  }
  if (call.method == "PATCH") {
    const auto body = object_of(call.body);
    PullRequestChange change;
    change.repo = repository.full_name();
    change.id = number;
    if (body->has("title")) change.title = string_field(body, "title");
    if (body->has("body")) change.description = string_field(body, "body");
    if (body->has("state")) {
      const auto state = string_field(body, "state");
      if (state != "open" && state != "closed") {
        return github_error(422, "Validation Failed: state must be open or closed");
      }
      change.state = state == "open" ? kPullRequestOpen : "DECLINED";
    }
    repos.put_pull_request(change);
  } else if (call.method != "GET") {
    return github_error(404, "Not Found");
  }
  return json_answer(
      200, pull_json(github_api_url(call), call.origin, *repos.repository(repository.full_name()),
                     *repos.pull_request(repository.full_name(), number)));
}

Answer serve_repo_list(const GithubCall& call, const RepoStore& repos) {
  const auto& owner = call.route.owner;
  if (call.route.endpoint == GithubEndpoint::kOrgRepos && !repos.has_workspace(owner)) {
    return github_error(404, "Not Found");
  }
  const auto api_url = github_api_url(call);
  std::vector<Object::Ptr> listed;
  for (const auto& repository : repos.repositories(owner)) {
    listed.push_back(repo_json(api_url, call.origin, repository));
  }
  return github_paged(call, listed);
}

}  // namespace

bool is_github_repo_read(GithubEndpoint endpoint) {
  return endpoint == GithubEndpoint::kRepo || endpoint == GithubEndpoint::kPulls ||
         endpoint == GithubEndpoint::kPull || endpoint == GithubEndpoint::kOrgRepos ||
         endpoint == GithubEndpoint::kUserRepos;
}

Answer serve_github_repo_reads(const GithubCall& call, RepoStore& repos) {
  const auto endpoint = call.route.endpoint;
  if (call.method != "GET" && endpoint != GithubEndpoint::kPull) {
    return github_error(404, "Not Found");
  }
  if (endpoint == GithubEndpoint::kOrgRepos || endpoint == GithubEndpoint::kUserRepos) {
    return serve_repo_list(call, repos);
  }
  const auto repository = repos.repository(call.route.repo);
  if (!repository) return github_error(404, "Not Found");
  if (endpoint == GithubEndpoint::kRepo) {
    return json_answer(200, repo_json(github_api_url(call), call.origin, *repository));
  }
  if (endpoint == GithubEndpoint::kPulls) return serve_pull_list(call, *repository, repos);
  return serve_pull(call, *repository, repos);
}

}  // namespace cib::sim
