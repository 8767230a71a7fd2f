#include "providers/bitbucket_cloud/bodies.h"

#include <Poco/JSON/Object.h>

#include "providers/json_text.h"
#include "providers/report_data_json.h"

namespace cib::bitbucket_cloud {

namespace {

using Poco::JSON::Object;

void set_if_not_empty(Object& object, const std::string& name, const std::string& value) {
  if (!value.empty()) object.set(name, value);
}

Object::Ptr data_item(const ReportData& data) {
  // A date the caller wrote out (not epoch milliseconds) is shown as written.
  return report_data_item(data, DataDialect{"text", true});
}

Object::Ptr annotation_object(const Annotation& a, bool with_external_id) {
  Object::Ptr item = new_json_object();
  if (with_external_id) item->set("external_id", a.id);
  item->set("annotation_type", std::string(to_string(a.type)));
  set_if_not_empty(*item, "path", a.path);
  // The schema's minimum is 1; 0 means "no line", which the host expresses by omission.
  if (a.line > 0) item->set("line", static_cast<Poco::Int64>(a.line));
  item->set("summary", a.summary);
  set_if_not_empty(*item, "details", a.details);
  item->set("severity", std::string(to_string(a.severity)));
  set_if_not_empty(*item, "link", a.link);
  return item;
}

}  // namespace

std::string status_body(const std::string& key, const StatusContent& status) {
  Object::Ptr body = new_json_object();
  body->set("key", key);
  body->set("state", std::string(to_string(status.state)));
  set_if_not_empty(*body, "name", status.name);
  set_if_not_empty(*body, "url", status.url);
  set_if_not_empty(*body, "description", status.description);
  set_if_not_empty(*body, "refname", status.ref);
  return json_text(body);
}

std::string comment_body(const std::string& raw) {
  Object::Ptr content = new_json_object();
  content->set("raw", raw);
  Object::Ptr body = new_json_object();
  body->set("content", content);
  return json_text(body);
}

std::string report_body(const ReportContent& report) {
  Object::Ptr body = new_json_object();
  body->set("title", report.title);
  set_if_not_empty(*body, "details", report.details);
  set_if_not_empty(*body, "reporter", report.reporter);
  set_if_not_empty(*body, "link", report.link);
  body->set("result", std::string(to_string(report.result)));
  // Always sent, also empty: an update must clear data an earlier report had.
  Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
  for (const ReportData& d : report.data) data->add(data_item(d));
  body->set("data", data);
  return json_text(body);
}

std::string annotation_item(const Annotation& annotation) {
  return json_text(annotation_object(annotation, true));
}

std::string json_array(const std::vector<std::string>& items) {
  return json_array_of(items);
}

std::string single_annotation_body(const Annotation& annotation) {
  return json_text(annotation_object(annotation, false));
}

}  // namespace cib::bitbucket_cloud
