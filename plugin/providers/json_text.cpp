#include "providers/json_text.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <sstream>
#include <stdexcept>

namespace cib {

using Poco::JSON::Object;

Object::Ptr new_json_object() {
  return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

std::string json_text(const Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

Object::Ptr parse_json_object(const std::string& body) {
  try {
    Poco::JSON::Parser parser;
    Object::Ptr object = parser.parse(body).extract<Object::Ptr>();
    if (!object) throw std::runtime_error("the answer is not a JSON object");
    return object;
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("the answer is not a JSON object: " + e.displayText());
  } catch (const std::bad_cast&) {
    throw std::runtime_error("the answer is not a JSON object");
  }
}

std::string string_member(const Object::Ptr& object, const std::string& name) {
  if (!object || !object->has(name) || object->isNull(name)) return "";
  return object->get(name).toString();
}

std::string json_array_of(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += items[i];
  }
  return out + ']';
}

}  // namespace cib
