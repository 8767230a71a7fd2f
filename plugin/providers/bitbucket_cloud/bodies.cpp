#include "providers/bitbucket_cloud/bodies.h"

#include <Poco/JSON/Object.h>

#include <cmath>
#include <locale>
#include <sstream>

namespace cib::bitbucket_cloud {

namespace {

using Poco::JSON::Object;

Object::Ptr new_object() {
  return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

std::string to_text(const Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

void set_if_not_empty(Object& object, const std::string& name, const std::string& value) {
  if (!value.empty()) object.set(name, value);
}

bool is_json_number(const std::string& s) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// Integers stay exact; anything else becomes a double. Reads in the classic locale whatever
// locale the host process runs with.
bool read_number(const std::string& text, Poco::Dynamic::Var& value) {
  if (!is_json_number(text)) return false;
  std::istringstream in(text);
  in.imbue(std::locale::classic());
  if (text.find_first_of(".eE") == std::string::npos) {
    Poco::Int64 integer = 0;
    if (in >> integer) {
      value = integer;
      return true;
    }
    in.clear();
    in.str(text);
  }
  double real = 0;
  if (!(in >> real) || !std::isfinite(real)) return false;
  value = real;
  return true;
}

bool read_boolean(const std::string& text, Poco::Dynamic::Var& value) {
  if (text == "true" || text == "false") {
    value = text == "true";
    return true;
  }
  return false;
}

Object::Ptr data_item(const ReportData& data) {
  DataType type = data.type;
  Poco::Dynamic::Var value = data.value;
  switch (data.type) {
    case DataType::boolean:
      if (!read_boolean(data.value, value)) type = DataType::text;
      break;
    case DataType::number:
    case DataType::percentage:
    case DataType::duration:
      if (!read_number(data.value, value)) type = DataType::text;
      break;
    case DataType::date:
      // A date the caller wrote out (not epoch milliseconds) is shown as written.
      read_number(data.value, value);
      break;
    case DataType::link: {
      Object::Ptr link = new_object();
      link->set("text", data.value);
      link->set("href", data.value);
      value = link;
      break;
    }
    case DataType::text:
      break;
  }
  Object::Ptr item = new_object();
  item->set("title", data.title);
  item->set("type", std::string(to_string(type)));
  item->set("value", value);
  return item;
}

Object::Ptr annotation_object(const Annotation& a, bool with_external_id) {
  Object::Ptr item = new_object();
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
  Object::Ptr body = new_object();
  body->set("key", key);
  body->set("state", std::string(to_string(status.state)));
  set_if_not_empty(*body, "name", status.name);
  set_if_not_empty(*body, "url", status.url);
  set_if_not_empty(*body, "description", status.description);
  set_if_not_empty(*body, "refname", status.ref);
  return to_text(body);
}

std::string comment_body(const std::string& raw) {
  Object::Ptr content = new_object();
  content->set("raw", raw);
  Object::Ptr body = new_object();
  body->set("content", content);
  return to_text(body);
}

std::string report_body(const ReportContent& report) {
  Object::Ptr body = new_object();
  body->set("title", report.title);
  set_if_not_empty(*body, "details", report.details);
  set_if_not_empty(*body, "reporter", report.reporter);
  set_if_not_empty(*body, "link", report.link);
  body->set("result", std::string(to_string(report.result)));
  // Always sent, also empty: an update must clear data an earlier report had.
  Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
  for (const ReportData& d : report.data) data->add(data_item(d));
  body->set("data", data);
  return to_text(body);
}

std::string annotation_item(const Annotation& annotation) {
  return to_text(annotation_object(annotation, true));
}

std::string json_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += items[i];
  }
  return out + ']';
}

std::string single_annotation_body(const Annotation& annotation) {
  return to_text(annotation_object(annotation, false));
}

}  // namespace cib::bitbucket_cloud
