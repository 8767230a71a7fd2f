// GitHub issue comments (a pull request's conversation), kept in the shared CommentStore by
// issue number. A deleted comment is gone for the API (404, not listed); /_sim/state still
// shows it deleted.
#include "endpoints.h"
#include "github_endpoints.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

Poco::JSON::Object::Ptr render_comment(const GithubCall& call, long issue,
                                       const Poco::JSON::Object::Ptr& stored) {
  const long id = stored->getValue<long>("id");
  const std::string repo_url = github_api_url(call) + "/repos/" + call.route.repo;
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("url", repo_url + "/issues/comments/" + std::to_string(id));
  out->set("html_url", "https://github.example/" + call.route.repo + "/pull/" +
                           std::to_string(issue) + "#issuecomment-" + std::to_string(id));
  out->set("issue_url", repo_url + "/issues/" + std::to_string(issue));
  out->set("id", id);
  out->set("node_id", "IC_" + std::to_string(id));
  out->set("user", github_user());
  out->set("created_at", string_field(stored, "created_on"));
  out->set("updated_at", string_field(stored, "updated_on"));
  out->set("author_association", "NONE");
  out->set("body", string_field(stored->getObject("content"), "raw"));
  return out;
}

bool is_live(const Poco::JSON::Object::Ptr& stored) {
  return !stored.isNull() && !stored->getValue<bool>("deleted");
}

Answer serve_comment(const GithubCall& call, CommentStore& comments, const GithubState& github) {
  long id = 0;
  if (!parse_positive_id(call.route.id, id)) return github_error(404, "Not Found");
  const long issue = github.issue_of_comment(call.route.repo, id);
  if (issue == 0 || !is_live(comments.get(call.route.repo, issue, id))) {
    return github_error(404, "Not Found");
  }
  if (call.method == "GET") {
    return json_answer(200, render_comment(call, issue, comments.get(call.route.repo, issue, id)));
  }
  if (call.method == "PATCH") {
    const auto body = string_field(object_of(call.body), "body");
    const auto updated = comments.update(call.route.repo, issue, id, body);
    if (updated.isNull()) return github_error(404, "Not Found");
    return json_answer(200, render_comment(call, issue, updated));
  }
  if (call.method == "DELETE") {
    if (!comments.remove(call.route.repo, issue, id)) return github_error(404, "Not Found");
    Answer answer;
    answer.status = 204;
    return answer;
  }
  return github_error(404, "Not Found");
}

}  // namespace

Answer serve_github_comments(const GithubCall& call, CommentStore& comments, GithubState& github) {
  if (call.route.endpoint == GithubEndpoint::kIssueComment) {
    return serve_comment(call, comments, github);
  }
  long issue = 0;
  if (!parse_positive_id(call.route.id, issue)) return github_error(404, "Not Found");
  if (call.method == "GET") {
    std::vector<Poco::JSON::Object::Ptr> live;
    for (const auto& stored : comments.list(call.route.repo, issue)) {
      if (is_live(stored)) live.push_back(render_comment(call, issue, stored));
    }
    return github_paged(call, live);
  }
  if (call.method == "POST") {
    const auto body = string_field(object_of(call.body), "body");
    const auto created = comments.create(call.route.repo, issue, body);
    github.remember_comment(call.route.repo, created->getValue<long>("id"), issue);
    return json_answer(201, render_comment(call, issue, created));
  }
  return github_error(404, "Not Found");
}

}  // namespace cib::sim
