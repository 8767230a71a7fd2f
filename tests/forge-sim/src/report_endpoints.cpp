#include <Poco/JSON/Array.h>

#include <sstream>

#include "endpoints.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

// The description's "Maximum 10." of report data is prose, not schema; the host enforces it.
constexpr std::size_t kMaxReportData = 10;

Answer no_content() {
  Answer answer;
  answer.status = 204;
  return answer;
}

Answer store_answer(const StoreResult& result) {
  if (result.status != 200) return error_answer(result.status, result.message);
  return json_answer(200, result.values.front());
}

Answer serve_report_item(const ApiCall& call, ReportStore& reports) {
  const Route& route = call.route;
  if (call.method == "GET") {
    const auto report = reports.get_report(route.repo, route.commit, route.item);
    if (report.isNull()) return error_answer(404, "Report " + route.item + " not found");
    return json_answer(200, report);
  }
  if (call.method == "PUT") {
    const auto body = body_object(call);
    const auto data = body->getArray("data");
    if (data && data->size() > kMaxReportData) {
      return error_answer(400, "data: a report can have at most 10 data fields");
    }
    if (string_field(body, "title").empty())
      return error_answer(400, "title: This field is required.");
    return store_answer(reports.put_report(route.repo, route.commit, route.item, body));
  }
  if (call.method == "DELETE") {
    if (!reports.delete_report(route.repo, route.commit, route.item)) {
      return error_answer(404, "Report " + route.item + " not found");
    }
    return no_content();
  }
  return method_not_allowed(call);
}

Answer serve_annotation_list(const ApiCall& call, ReportStore& reports) {
  const Route& route = call.route;
  if (call.method == "GET") {
    const auto result = reports.list_annotations(route.repo, route.commit, route.item);
    if (result.status != 200) return error_answer(result.status, result.message);
    return paged_answer(call, result.values);
  }
  if (call.method != "POST") return method_not_allowed(call);
  if (call.body.type() != typeid(Poco::JSON::Array::Ptr)) {
    return error_answer(400, "Expected a JSON array of annotations");
  }
  const auto items = call.body.extract<Poco::JSON::Array::Ptr>();
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (items->getObject(static_cast<unsigned>(i)).isNull()) {
      return error_answer(400, "Expected a JSON array of annotation objects");
    }
  }
  const auto result = reports.upsert_annotations(route.repo, route.commit, route.item, items);
  if (result.status != 200) return error_answer(result.status, result.message);
  Poco::JSON::Array::Ptr created = new Poco::JSON::Array;
  for (const auto& annotation : result.values) created->add(annotation);
  Answer answer;
  std::ostringstream out;
  created->stringify(out);
  answer.body = out.str();
  return answer;
}

Answer serve_annotation_item(const ApiCall& call, ReportStore& reports) {
  const Route& route = call.route;
  if (call.method == "GET") {
    const auto annotation =
        reports.get_annotation(route.repo, route.commit, route.item, route.sub_item);
    if (annotation.isNull())
      return error_answer(404, "Annotation " + route.sub_item + " not found");
    return json_answer(200, annotation);
  }
  if (call.method == "PUT") {
    return store_answer(reports.put_annotation(route.repo, route.commit, route.item, route.sub_item,
                                               body_object(call)));
  }
  if (call.method == "DELETE") {
    if (!reports.delete_annotation(route.repo, route.commit, route.item, route.sub_item)) {
      return error_answer(404, "Annotation " + route.sub_item + " not found");
    }
    return no_content();
  }
  return method_not_allowed(call);
}

}  // namespace

Answer serve_reports(const ApiCall& call, ReportStore& reports) {
  switch (call.route.endpoint) {
    case Endpoint::kReportList:
      if (call.method != "GET") return method_not_allowed(call);
      return paged_answer(call, reports.list_reports(call.route.repo, call.route.commit));
    case Endpoint::kReportItem:
      return serve_report_item(call, reports);
    case Endpoint::kAnnotationList:
      return serve_annotation_list(call, reports);
    case Endpoint::kAnnotationItem:
      return serve_annotation_item(call, reports);
    default:
      break;
  }
  return error_answer(404, "Resource not found");
}

}  // namespace cib::sim
