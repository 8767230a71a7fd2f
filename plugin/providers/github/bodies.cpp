#include "providers/github/bodies.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

#include "runtime/sha256.h"

namespace cib::github {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string to_text(const Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

// The first `max_chars` characters of UTF-8 `text`.
std::string first_chars(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) == 0x80) continue;  // inside a character
    if (chars++ == max_chars) return text.substr(0, i);
  }
  return text;
}

Object::Ptr annotation_object(const CheckAnnotation& annotation) {
  Object::Ptr object = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  object->set("path", annotation.path);
  object->set("start_line", annotation.line);
  object->set("end_line", annotation.line);
  object->set("annotation_level", annotation.level);
  object->set("message", annotation.message);
  object->set("title", annotation.title);
  return object;
}

}  // namespace

const char* host_state(BuildState state) {
  switch (state) {
    case BuildState::inprogress:
      return "pending";
    case BuildState::successful:
      return "success";
    case BuildState::failed:
      return "failure";
    case BuildState::stopped:
      break;
  }
  return "error";
}

std::string status_body(const std::string& key, const StatusContent& status) {
  Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("state", host_state(status.state));
  if (!status.url.empty()) body.set("target_url", status.url);
  if (!status.description.empty()) {
    body.set("description", first_chars(status.description, kMaxDescriptionChars));
  }
  body.set("context", key);
  return to_text(body);
}

std::string comment_body(const std::string& raw) {
  Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("body", raw);
  return to_text(body);
}

std::string check_run_body(const CheckRun& run, const std::string& commit,
                           const CheckRunRequest& request) {
  Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  if (request.create) {
    body.set("name", run.name);
    body.set("head_sha", commit);
    body.set("external_id", run.external_id);
    if (!run.details_url.empty()) body.set("details_url", run.details_url);
  }
  if (request.completes) {
    body.set("status", "completed");
    body.set("conclusion", run.conclusion);
  } else if (request.create) {
    body.set("status", "in_progress");
  }
  Object::Ptr output = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  output->set("title", run.title);
  output->set("summary", run.summary);
  if (!request.items.empty()) {
    Array::Ptr annotations = new Array;
    for (const std::size_t i : request.items)
      annotations->add(annotation_object(run.annotations[i]));
    output->set("annotations", annotations);
  }
  body.set("output", output);
  return to_text(body);
}

std::string run_digest(const CheckRun& run) {
  CheckRun fields = run;
  fields.annotations.clear();
  return sha256_hex(check_run_body(fields, "", CheckRunRequest{true, true, {}}));
}

std::string annotation_digest(const CheckAnnotation& annotation) {
  std::ostringstream out;
  annotation_object(annotation)->stringify(out);
  return sha256_hex(out.str());
}

}  // namespace cib::github
