#include "answer.h"

#include <sstream>

namespace cib::sim {

std::string to_json(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

Answer error_answer(int status, const std::string& message) {
  Poco::JSON::Object::Ptr error = new Poco::JSON::Object;
  error->set("message", message);
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  body->set("type", "error");
  body->set("error", error);
  return json_answer(status, body);
}

Answer json_answer(int status, const Poco::JSON::Object::Ptr& body) {
  Answer answer;
  answer.status = status;
  answer.body = to_json(body);
  return answer;
}

}  // namespace cib::sim
