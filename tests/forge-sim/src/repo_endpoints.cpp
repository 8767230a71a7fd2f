// Bitbucket Cloud's reads of repositories and pull requests (what polling tools make), shaped
// as the description's `repository` and `pullrequest` schemas, and a PUT of a pull request's
// title or description.
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>

#include <set>

#include "endpoints.h"
#include "pagination.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

using Object = Poco::JSON::Object;

constexpr const char* kBitbucketTime = "%Y-%m-%dT%H:%M:%S.%F+00:00";
constexpr std::size_t kShortHash = 12;

std::string bitbucket_time(const Poco::Timestamp& stamp) {
  return Poco::DateTimeFormatter::format(stamp, kBitbucketTime);
}

Object::Ptr new_object() {
  return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

// {"NAME": {"href": URL}, …} from pairs of name and URL.
Object::Ptr links(std::initializer_list<std::pair<const char*, std::string>> hrefs) {
  auto object = new_object();
  for (const auto& [name, url] : hrefs) {
    auto href = new_object();
    href->set("href", url);
    object->set(name, href);
  }
  return object;
}

Object::Ptr workspace_json(const std::string& api_url, const std::string& origin,
                           const std::string& workspace) {
  auto object = new_object();
  object->set("type", "workspace");
  object->set("uuid", "{workspace-" + workspace + "}");
  object->set("name", workspace);
  object->set("slug", workspace);
  object->set("links", links({{"self", api_url + "/workspaces/" + encode_segment(workspace)},
                              {"html", origin + "/" + encode_segment(workspace) + "/"}}));
  return object;
}

// The short form a pull request's endpoints name their repository in.
Object::Ptr repository_reference(const std::string& api_url, const std::string& origin,
                                 const RepositoryRecord& repository) {
  auto object = new_object();
  object->set("type", "repository");
  object->set("full_name", repository.full_name());
  object->set("links", links({{"self", api_url + repository_path(repository.full_name())},
                              {"html", origin + "/" + repository.full_name()},
                              {"avatar", origin + "/" + repository.full_name() + "/avatar/32/"}}));
  object->set("name", repository.slug);
  object->set("uuid", repository.uuid);
  return object;
}

Object::Ptr repository_json(const std::string& api_url, const std::string& origin,
                            const RepositoryRecord& repository) {
  const std::string self = api_url + repository_path(repository.full_name());
  auto object = repository_reference(api_url, origin, repository);
  object->set("links", links({{"self", self},
                              {"html", origin + "/" + repository.full_name()},
                              {"avatar", origin + "/" + repository.full_name() + "/avatar/32/"},
                              {"pullrequests", self + "/pullrequests"},
                              {"commits", self + "/commits"},
                              {"forks", self + "/forks"},
                              {"watchers", self + "/watchers"},
                              {"downloads", self + "/downloads"},
                              {"hooks", self + "/hooks"}}));
  object->set("slug", repository.slug);
  object->set("description", repository.description);
  object->set("scm", "git");
  object->set("owner", workspace_json(api_url, origin, repository.workspace));
  object->set("workspace", workspace_json(api_url, origin, repository.workspace));
  object->set("is_private", repository.is_private);
  object->set("fork_policy", "no_public_forks");
  object->set("created_on", bitbucket_time(repository.created));
  object->set("updated_on", bitbucket_time(repository.updated));
  object->set("size", 0);
  object->set("language", "");
  object->set("has_issues", false);
  object->set("has_wiki", false);
  auto mainbranch = new_object();
  mainbranch->set("type", "branch");
  mainbranch->set("name", repository.mainbranch);
  object->set("mainbranch", mainbranch);
  return object;
}

Object::Ptr endpoint_json(const std::string& api_url, const std::string& origin,
                          const RepositoryRecord& repository, const std::string& branch,
                          const std::string& commit) {
  auto object = new_object();
  auto branch_object = new_object();
  branch_object->set("name", branch);
  object->set("branch", branch_object);
  auto commit_object = new_object();
  commit_object->set("type", "commit");
  commit_object->set("hash", commit.substr(0, kShortHash));
  object->set("commit", commit_object);
  object->set("repository", repository_reference(api_url, origin, repository));
  return object;
}

Object::Ptr author_json() {
  auto author = new_object();
  author->set("type", "user");
  author->set("display_name", "Dana Developer");
  author->set("uuid", "{00000000-0000-4000-8000-000000000001}");
  author->set("nickname", "dana");
  return author;
}

// A pull request's links: its API URL `self` and the actions under it, and its page.
Object::Ptr pull_request_links(const std::string& self, const std::string& origin,
                               const RepositoryRecord& repository, long id) {
  return links(
      {{"self", self},
       {"html", origin + "/" + repository.full_name() + "/pull-requests/" + std::to_string(id)},
       {"commits", self + "/commits"},
       {"approve", self + "/approve"},
       {"diff", self + "/diff"},
       {"diffstat", self + "/diffstat"},
       {"comments", self + "/comments"},
       {"activity", self + "/activity"},
       {"merge", self + "/merge"},
       {"decline", self + "/decline"},
       {"statuses", self + "/statuses"}});
}

Object::Ptr pull_request_json(const std::string& api_url, const std::string& origin,
                              const RepositoryRecord& repository,
                              const PullRequestRecord& pull_request) {
  const std::string self = api_url + repository_path(repository.full_name()) + "/pullrequests/" +
                           std::to_string(pull_request.id);
  auto object = new_object();
  object->set("type", "pullrequest");
  object->set("id", pull_request.id);
  object->set("title", pull_request.title);
  object->set("description", pull_request.description);
  auto summary = new_object();
  summary->set("raw", pull_request.description);
  summary->set("markup", "markdown");
  summary->set("html",
               pull_request.description.empty() ? "" : "<p>" + pull_request.description + "</p>");
  object->set("summary", summary);
  object->set("state", pull_request.state);
  object->set("author", author_json());
  object->set("source", endpoint_json(api_url, origin, repository, pull_request.source_branch,
                                      pull_request.source_commit));
  object->set("destination",
              endpoint_json(api_url, origin, repository, pull_request.destination_branch,
                            pull_request.destination_commit));
  object->set("comment_count", pull_request.comment_count);
  object->set("task_count", 0);
  object->set("close_source_branch", false);
  object->set("reason", "");
  object->set("created_on", bitbucket_time(pull_request.created));
  object->set("updated_on", bitbucket_time(pull_request.updated));
  object->set("reviewers", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  object->set("participants", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  object->set("draft", false);
  object->set("links", pull_request_links(self, origin, repository, pull_request.id));
  return object;
}

// The states a list asks for (state=…, repeatable; OPEN when none); false on an unknown one.
bool requested_states(const Route& route, std::set<std::string>& states, std::string& kept_query) {
  for (const auto& [name, value] : route.query_list) {
    if (name != "state") continue;
    if (!is_pull_request_state(value)) return false;
    states.insert(value);
    kept_query += (kept_query.empty() ? "state=" : "&state=") + value;
  }
  if (states.empty()) states.insert(kPullRequestOpen);
  return true;
}

Answer paged_with(const ApiCall& call, const std::vector<Object::Ptr>& all,
                  const std::string& kept_query) {
  PageRequest request;
  std::string error;
  if (!read_page_request(call.route.query, request, error)) return error_answer(400, error);
  return json_answer(200, render_page(all, request, call.origin, call.route.raw_path, kept_query));
}

Answer serve_pull_request_list(const ApiCall& call, const RepositoryRecord& repository,
                               const RepoStore& repos) {
  std::set<std::string> states;
  std::string kept_query;
  if (!requested_states(call.route, states, kept_query)) {
    return error_answer(400, "state: expected OPEN, MERGED, DECLINED or SUPERSEDED");
  }
  const std::string api_url = call.origin + kApiBasePath;
  std::vector<Object::Ptr> listed;
  for (const auto& pull_request : repos.pull_requests(repository.full_name(), states)) {
    listed.push_back(pull_request_json(api_url, call.origin, repository, pull_request));
  }
  return paged_with(call, listed, kept_query);
}

// GET, or PUT {"title"?, "description"?} (the fields a tool changes; the rest are kept).
Answer serve_pull_request_item(const ApiCall& call, const RepositoryRecord& repository,
                               RepoStore& repos) {
  long id = 0;
  const bool known = parse_positive_id(call.route.pull_request, id) &&
                     repos.pull_request(repository.full_name(), id).has_value();
  if (!known) return error_answer(404, "No such pull request: " + call.route.pull_request);
  if (call.method == "PUT") {
    const auto body = body_object(call);
    PullRequestChange change;
    change.repo = repository.full_name();
    change.id = id;
    if (body->has("title")) change.title = string_field(body, "title");
    if (body->has("description")) change.description = string_field(body, "description");
    repos.put_pull_request(change);
  } else if (call.method != "GET") {
    return method_not_allowed(call);
  }
  return json_answer(200, pull_request_json(call.origin + kApiBasePath, call.origin,
                                            *repos.repository(repository.full_name()),
                                            *repos.pull_request(repository.full_name(), id)));
}

Answer serve_repository_list(const ApiCall& call, const RepoStore& repos) {
  if (!repos.has_workspace(call.route.workspace)) {
    return error_answer(404, "No workspace with identifier '" + call.route.workspace + "'.");
  }
  const std::string api_url = call.origin + kApiBasePath;
  std::vector<Object::Ptr> listed;
  for (const auto& repository : repos.repositories(call.route.workspace)) {
    listed.push_back(repository_json(api_url, call.origin, repository));
  }
  return paged_with(call, listed, "");
}

}  // namespace

Answer serve_repo_reads(const ApiCall& call, RepoStore& repos) {
  if (call.route.endpoint == Endpoint::kRepositoryList) {
    if (call.method != "GET") return method_not_allowed(call);
    return serve_repository_list(call, repos);
  }
  const auto repository = repos.repository(call.route.repo);
  if (!repository) return error_answer(404, "Repository " + call.route.repo + " not found");
  if (call.route.endpoint == Endpoint::kPullRequestItem) {
    return serve_pull_request_item(call, *repository, repos);
  }
  if (call.method != "GET") return method_not_allowed(call);
  if (call.route.endpoint == Endpoint::kRepository) {
    return json_answer(200, repository_json(call.origin + kApiBasePath, call.origin, *repository));
  }
  return serve_pull_request_list(call, *repository, repos);
}

bool is_repo_read(Endpoint endpoint) {
  return endpoint == Endpoint::kRepositoryList || endpoint == Endpoint::kRepository ||
         endpoint == Endpoint::kPullRequestList || endpoint == Endpoint::kPullRequestItem;
}

}  // namespace cib::sim
