// Bitbucket Data Center Code Insights: reports and their annotations, kept in the shared
// ReportStore in Bitbucket Cloud's words (result PASSED/FAILED, an annotation's message as
// `summary`, its type as `annotation_type`), so /_sim/state reads the same for every host.
// DC does not de-duplicate a POST of annotations: a second annotation with an externalId the
// report already holds is kept beside the first, stored (and shown in /_sim/state) as
// "ID#2", "ID#3", ...; one without an externalId as "#1", "#2", ...
#include <Poco/JSON/Array.h>

#include <set>
#include <utility>

#include "dc_endpoints.h"
#include "endpoints.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

constexpr std::size_t kMaxReportData = 6;

// An annotation's fields: DC's name, the store's (Bitbucket Cloud's) name.
constexpr std::pair<const char*, const char*> kAnnotationFields[] = {{"externalId", "externalId"},
                                                                     {"path", "path"},
                                                                     {"line", "line"},
                                                                     {"message", "summary"},
                                                                     {"severity", "severity"},
                                                                     {"type", "annotation_type"},
                                                                     {"link", "link"}};

// DC's word <-> the store's (Bitbucket Cloud's) for a report's result; a report without one
// is PENDING in Cloud's words.
std::string stored_result(const std::string& dc) {
  return dc == "PASS" ? "PASSED" : dc == "FAIL" ? "FAILED" : dc.empty() ? "PENDING" : dc;
}
std::string dc_result(const std::string& stored) {
  return stored == "PASSED" ? "PASS" : stored == "FAILED" ? "FAIL" : stored;
}

Answer no_such_report(const DcCall& call) {
  return dc_error(404, "No report with key " + call.route.item + " on commit " + call.route.sha);
}

Poco::JSON::Object::Ptr render_report(const Poco::JSON::Object::Ptr& stored) {
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("key", string_field(stored, "external_id"));
  for (const char* field : {"title", "details", "reporter", "link", "logoUrl"}) {
    if (stored->has(field)) out->set(field, stored->get(field));
  }
  const auto result = dc_result(string_field(stored, "result"));
  if (result != "PENDING") out->set("result", result);
  out->set("data", stored->has("data")
                       ? stored->get("data")
                       : Poco::Dynamic::Var(Poco::JSON::Array::Ptr(new Poco::JSON::Array)));
  out->set("createdDate", dc_epoch_ms(string_field(stored, "created_on")));
  return out;
}

Poco::JSON::Object::Ptr render_annotation(const DcCall& call,
                                          const Poco::JSON::Object::Ptr& stored) {
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("reportKey", call.route.item);
  for (const auto& [theirs, ours] : kAnnotationFields) {
    if (stored->has(ours)) out->set(theirs, stored->get(ours));
  }
  return out;
}

Answer put_report(const DcCall& call, ReportStore& reports) {
  auto body = client_fields(object_of(call.body));
  const auto data = body->getArray("data");
  if (data && data->size() > kMaxReportData) {
    return dc_error(400, "A report can have at most 6 data fields.");
  }
  if (string_field(body, "title").empty()) return dc_error(400, "The report title is required.");
  body->set("result", stored_result(string_field(body, "result")));
  const auto stored = reports.put_report(call.route.repo, call.route.sha, call.route.item, body);
  if (stored.status != 200) return dc_error(stored.status, stored.message);
  return json_answer(
      200, render_report(reports.get_report(call.route.repo, call.route.sha, call.route.item)));
}

Answer serve_report(const DcCall& call, ReportStore& reports) {
  const auto& route = call.route;
  if (call.method == "PUT") return put_report(call, reports);
  if (call.method == "GET") {
    const auto stored = reports.get_report(route.repo, route.sha, route.item);
    return stored.isNull() ? no_such_report(call) : json_answer(200, render_report(stored));
  }
  if (call.method == "DELETE") {
    return reports.delete_report(route.repo, route.sha, route.item) ? dc_no_content()
                                                                    : no_such_report(call);
  }
  return dc_method_not_allowed(call);
}

// The stored key for a new annotation: its externalId while free, else the first free
// "ID#n" (n from 2), or "#n" (n from 1) without an externalId.
std::string storage_key(const std::string& external_id, std::set<std::string>& taken) {
  std::string key = external_id;
  for (int n = external_id.empty() ? 1 : 2; key.empty() || taken.count(key); ++n) {
    key = external_id + "#" + std::to_string(n);
  }
  taken.insert(key);
  return key;
}

Answer post_annotations(const DcCall& call, ReportStore& reports,
                        const std::vector<Poco::JSON::Object::Ptr>& held) {
  const auto items = object_of(call.body)->getArray("annotations");
  if (items.isNull() || items->size() == 0) return dc_error(400, "No annotations were given.");
  if (held.size() + items->size() > kMaxAnnotationsPerReport) {
    return dc_error(400, "A report cannot have more than 1000 annotations; it has " +
                             std::to_string(held.size()) + ".");
  }
  std::set<std::string> taken;
  for (const auto& annotation : held) taken.insert(string_field(annotation, "external_id"));
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto item = items->getObject(static_cast<unsigned>(i));
    if (item.isNull()) return dc_error(400, "Each annotation must be a JSON object.");
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto item = items->getObject(static_cast<unsigned>(i));
    Poco::JSON::Object::Ptr fields = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [theirs, ours] : kAnnotationFields) {
      if (item->has(theirs)) fields->set(ours, item->get(theirs));
    }
    const auto key = storage_key(string_field(item, "externalId"), taken);
    reports.put_annotation(call.route.repo, call.route.sha, call.route.item, key, fields);
  }
  return dc_no_content();
}

// ?externalId=a&externalId=b deletes every annotation with one of those ids; none: all.
Answer delete_annotations(const DcCall& call, ReportStore& reports,
                          const std::vector<Poco::JSON::Object::Ptr>& held) {
  const auto named = call.route.query.find("externalId");
  const std::set<std::string> ids =
      named == call.route.query.end()
          ? std::set<std::string>()
          : std::set<std::string>(named->second.begin(), named->second.end());
  for (const auto& annotation : held) {
    if (!ids.empty() && ids.count(string_field(annotation, "externalId")) == 0) continue;
    reports.delete_annotation(call.route.repo, call.route.sha, call.route.item,
                              string_field(annotation, "external_id"));
  }
  return dc_no_content();
}

Answer serve_annotations(const DcCall& call, ReportStore& reports) {
  const auto held = reports.list_annotations(call.route.repo, call.route.sha, call.route.item);
  if (held.status != 200) return no_such_report(call);
  if (call.method == "POST") return post_annotations(call, reports, held.values);
  if (call.method == "DELETE") return delete_annotations(call, reports, held.values);
  if (call.method != "GET") return dc_method_not_allowed(call);
  Poco::JSON::Array::Ptr annotations = new Poco::JSON::Array;
  for (const auto& stored : held.values) annotations->add(render_annotation(call, stored));
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  body->set("totalCount", static_cast<int>(annotations->size()));
  body->set("annotations", annotations);
  return json_answer(200, body);
}

}  // namespace

Answer serve_dc_insights(const DcCall& call, ReportStore& reports, DcState& dc) {
  // A request reads the report's annotations, then changes them: one at a time.
  const auto lock = dc.lock_insights();
  if (call.route.endpoint == DcEndpoint::kReportItem) return serve_report(call, reports);
  return serve_annotations(call, reports);
}

}  // namespace cib::sim
