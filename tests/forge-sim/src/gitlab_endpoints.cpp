#include "gitlab_endpoints.h"

#include "endpoints.h"
#include "gitlab_pagination.h"

namespace cib::sim {

Answer gitlab_error(int status, const std::string& message) {
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("message", message);
  return json_answer(status, body);
}

Answer serve_gitlab_call(GitlabCall call, SimState& state, GitlabState& gitlab) {
  const auto endpoint = call.route.endpoint;
  if (endpoint == GitlabEndpoint::kUnknown) return gitlab_error(404, "404 Not Found");
  call.project = endpoint == GitlabEndpoint::kProjectUnknown
                     ? std::string()
                     : gitlab.project_path(call.route.project);
  if (call.project.empty()) return gitlab_error(404, "404 Project Not Found");
  call.project_id = gitlab.project_id(call.project);
  switch (endpoint) {
    case GitlabEndpoint::kStatusCreate:
    case GitlabEndpoint::kStatusList:
      return serve_gitlab_statuses(call, state.statuses, gitlab);
    case GitlabEndpoint::kCommitMergeRequests:
      return serve_gitlab_merge_requests(call, gitlab);
    case GitlabEndpoint::kNoteList:
    case GitlabEndpoint::kNoteItem:
      return serve_gitlab_notes(call, state.comments);
    default:
      break;
  }
  return gitlab_error(404, "404 Not Found");
}

Answer gitlab_paged(const GitlabCall& call, const std::vector<Poco::JSON::Object::Ptr>& all) {
  return gitlab_page_answer(all, read_gitlab_page(call.route.query), call.origin,
                            call.route.raw_path, call.route.query);
}

Poco::JSON::Object::Ptr gitlab_author() {
  Poco::JSON::Object::Ptr author = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  author->set("id", 1);
  author->set("username", "cibatch-bot");
  author->set("name", "cibatch bot");
  author->set("state", "active");
  author->set("web_url", "https://gitlab.example/cibatch-bot");
  return author;
}

}  // namespace cib::sim
