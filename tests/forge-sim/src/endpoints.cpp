#include "endpoints.h"

#include "pagination.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

// A comment written, changed or deleted changes its pull request (its comment count and
// updated_on), so a cached read of the pull request goes stale, as on the host.
void touch_commented_pull_request(const ApiCall& call, const Answer& answer, RepoStore& repos) {
  long id = 0;
  const bool written = call.method != "GET" && answer.status >= 200 && answer.status < 300;
  if (!written || !parse_positive_id(call.route.pull_request, id)) return;
  const int delta = call.method == "POST" ? 1 : call.method == "DELETE" ? -1 : 0;
  repos.touch_pull_request(call.route.repo, id, delta);
}

}  // namespace

Answer serve_api_call(const ApiCall& call, SimState& state, RepoStore& repos) {
  switch (call.route.endpoint) {
    case Endpoint::kStatusList:
    case Endpoint::kStatusCreate:
    case Endpoint::kStatusItem:
      return serve_statuses(call, state.statuses);
    case Endpoint::kCommentList:
    case Endpoint::kCommentItem: {
      auto answer = serve_comments(call, state.comments);
      touch_commented_pull_request(call, answer, repos);
      return answer;
    }
    case Endpoint::kReportList:
    case Endpoint::kReportItem:
    case Endpoint::kAnnotationList:
    case Endpoint::kAnnotationItem:
      return serve_reports(call, state.reports);
    case Endpoint::kRepositoryList:
    case Endpoint::kRepository:
    case Endpoint::kPullRequestList:
    case Endpoint::kPullRequestItem:
      return serve_repo_reads(call, repos);
    case Endpoint::kUnknown:
      break;
  }
  return error_answer(404, "Resource not found");
}

Answer method_not_allowed(const ApiCall& call) {
  return error_answer(405, "Method " + call.method + " is not allowed on " + call.route.raw_path);
}

Answer paged_answer(const ApiCall& call, const std::vector<Poco::JSON::Object::Ptr>& all) {
  PageRequest request;
  std::string error;
  if (!read_page_request(call.route.query, request, error)) return error_answer(400, error);
  return json_answer(200, render_page(all, request, call.origin, call.route.raw_path));
}

Poco::JSON::Object::Ptr body_object(const ApiCall& call) {
  return object_of(call.body);
}

Poco::JSON::Object::Ptr object_of(const Poco::Dynamic::Var& body) {
  if (body.type() == typeid(Poco::JSON::Object::Ptr)) {
    return body.extract<Poco::JSON::Object::Ptr>();
  }
  return new Poco::JSON::Object;
}

}  // namespace cib::sim
