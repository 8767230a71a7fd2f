#include "providers/bitbucket_dc/bodies.h"

#include <Poco/JSON/Object.h>

#include <stdexcept>

#include "providers/json_text.h"
#include "providers/report_data_json.h"
#include "runtime/sha256.h"

namespace cib::bitbucket_dc {

namespace {

using Poco::JSON::Object;

constexpr std::size_t kMaxNameBytes = 255;
constexpr std::size_t kMaxUrlBytes = 450;
constexpr std::size_t kMaxTitleBytes = 450;
constexpr std::size_t kMaxDetailsBytes = 2000;
constexpr std::size_t kMaxMessageBytes = 2000;
constexpr std::size_t kMaxExternalIdBytes = 449;

// At most `max_bytes` of `text`, never ending inside a UTF-8 sequence.
std::string cut(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t length = max_bytes;
  while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xc0) == 0x80) --length;
  return text.substr(0, length);
}

void set_text(Object& object, const std::string& name, const std::string& value,
              std::size_t max_bytes = std::string::npos) {
  if (!value.empty()) object.set(name, cut(value, max_bytes));
}

const char* state_word(BuildState state) {
  return state == BuildState::stopped ? "CANCELLED" : to_string(state);
}

const char* severity_word(Severity severity) {
  return severity == Severity::critical ? "HIGH" : to_string(severity);
}

}  // namespace

std::string status_body(const std::string& key, const StatusContent& status) {
  if (key.size() > kMaxNameBytes) {
    throw std::invalid_argument("status key is longer than Bitbucket Data Center's 255 characters");
  }
  if (status.url.empty() || status.url.size() > kMaxUrlBytes) {
    throw std::invalid_argument(
        "a build status on Bitbucket Data Center needs a url of at most 450 characters");
  }
  Object::Ptr body = new_json_object();
  body->set("key", key);
  body->set("state", std::string(state_word(status.state)));
  body->set("url", status.url);
  set_text(*body, "name", status.name, kMaxNameBytes);
  set_text(*body, "description", status.description, kMaxNameBytes);
  if (!status.ref.empty()) {
    const bool qualified = status.ref.compare(0, 5, "refs/") == 0;
    body->set("ref", qualified ? status.ref : "refs/heads/" + status.ref);
  }
  return json_text(body);
}

std::string comment_body(const std::string& text) {
  Object::Ptr body = new_json_object();
  body->set("text", text);
  return json_text(body);
}

std::string comment_edit_body(const std::string& text, std::int64_t version) {
  Object::Ptr body = new_json_object();
  body->set("text", text);
  body->set("version", static_cast<Poco::Int64>(version));
  return json_text(body);
}

ReportContent capped_report(const ReportContent& report) {
  ReportContent capped = report;
  if (capped.data.size() > kMaxDataFields) {
    const std::size_t total = capped.data.size();
    capped.data.resize(kMaxDataFields);
    if (!capped.details.empty()) capped.details += ' ';
    capped.details += "(showing " + std::to_string(kMaxDataFields) + " of " +
                      std::to_string(total) + " data fields)";
  }
  capped.title = cut(capped.title, kMaxTitleBytes);
  capped.reporter = cut(capped.reporter, kMaxTitleBytes);
  capped.details = cut(capped.details, kMaxDetailsBytes);
  return capped;
}

std::string report_body(const ReportContent& report) {
  Object::Ptr body = new_json_object();
  body->set("title", report.title);
  set_text(*body, "details", report.details);
  if (report.result == ReportResult::passed) body->set("result", std::string("PASS"));
  if (report.result == ReportResult::failed) body->set("result", std::string("FAIL"));
  set_text(*body, "reporter", report.reporter);
  set_text(*body, "link", report.link);
  Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
  for (const ReportData& d : report.data) data->add(report_data_item(d, kDataCenterData));
  body->set("data", data);
  return json_text(body);
}

std::string annotation_item(const Annotation& annotation) {
  Object::Ptr item = new_json_object();
  item->set("externalId", external_id(annotation.id));
  const std::string message = annotation.details.empty()
                                  ? annotation.summary
                                  : annotation.summary + "\n\n" + annotation.details;
  item->set("message", cut(message, kMaxMessageBytes));
  item->set("severity", std::string(severity_word(annotation.severity)));
  item->set("type", std::string(to_string(annotation.type)));
  set_text(*item, "path", annotation.path);
  if (annotation.line > 0) item->set("line", static_cast<Poco::Int64>(annotation.line));
  set_text(*item, "link", annotation.link);
  return json_text(item);
}

std::string external_id(const std::string& id) {
  return id.size() <= kMaxExternalIdBytes ? id : "sha256:" + sha256_hex(id);
}

std::string annotations_body(const std::vector<std::string>& items) {
  return "{\"annotations\":" + json_array_of(items) + '}';
}

}  // namespace cib::bitbucket_dc
