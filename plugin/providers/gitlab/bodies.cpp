#include "providers/gitlab/bodies.h"

#include <Poco/JSON/Object.h>

#include <sstream>

namespace cib::gitlab {

namespace {

using Poco::JSON::Object;

std::string to_text(const Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

}  // namespace

const char* host_state(BuildState state) {
  switch (state) {
    case BuildState::inprogress:
      return "running";
    case BuildState::successful:
      return "success";
    case BuildState::failed:
      return "failed";
    case BuildState::stopped:
      break;
  }
  return "canceled";
}

std::string status_body(const std::string& key, const StatusContent& status) {
  Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("state", host_state(status.state));
  body.set("name", key);
  if (!status.url.empty()) body.set("target_url", status.url);
  if (!status.description.empty()) body.set("description", status.description);
  if (!status.ref.empty()) body.set("ref", status.ref);
  return to_text(body);
}

std::string note_body(const std::string& raw) {
  Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("body", raw);
  return to_text(body);
}

}  // namespace cib::gitlab
