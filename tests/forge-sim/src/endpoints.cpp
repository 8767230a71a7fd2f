#include "endpoints.h"

#include "pagination.h"

namespace cib::sim {

Answer serve_api_call(const ApiCall& call, SimState& state) {
  switch (call.route.endpoint) {
    case Endpoint::kStatusList:
    case Endpoint::kStatusCreate:
    case Endpoint::kStatusItem:
      return serve_statuses(call, state.statuses);
    case Endpoint::kCommentList:
    case Endpoint::kCommentItem:
      return serve_comments(call, state.comments);
    case Endpoint::kReportList:
    case Endpoint::kReportItem:
    case Endpoint::kAnnotationList:
    case Endpoint::kAnnotationItem:
      return serve_reports(call, state.reports);
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
