#include "endpoints.h"
#include "resource_values.h"

namespace cib::sim {

Answer serve_statuses(const ApiCall& call, StatusStore& statuses) {
  const Route& route = call.route;
  switch (route.endpoint) {
    case Endpoint::kStatusList:
      if (call.method != "GET") return method_not_allowed(call);
      return paged_answer(call, statuses.list(route.repo, route.commit));
    case Endpoint::kStatusCreate: {
      if (call.method != "POST") return method_not_allowed(call);
      const auto body = body_object(call);
      if (string_field(body, "key").empty())
        return error_answer(400, "key: This field is required.");
      return json_answer(201, statuses.post(route.repo, route.commit, body));
    }
    case Endpoint::kStatusItem: {
      Poco::JSON::Object::Ptr status;
      if (call.method == "GET") {
        status = statuses.get(route.repo, route.commit, route.item);
      } else if (call.method == "PUT") {
        status = statuses.update(route.repo, route.commit, route.item, body_object(call));
      } else {
        return method_not_allowed(call);
      }
      if (status.isNull()) return error_answer(404, "No such build status: " + route.item);
      return json_answer(200, status);
    }
    default:
      break;
  }
  return error_answer(404, "Resource not found");
}

}  // namespace cib::sim
