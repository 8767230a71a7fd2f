// The JSON the providers write and read, through Poco: objects that keep their keys in the
// order they were set (so the same content is the same bytes, and digests compare), and the
// members of an answer read leniently.
#pragma once

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace cib {

// An empty object that keeps its keys in insertion order.
Poco::JSON::Object::Ptr new_json_object();

// The object as compact JSON text.
std::string json_text(const Poco::JSON::Object::Ptr& object);

// The answer's top-level object; throws std::runtime_error when the body is not one.
Poco::JSON::Object::Ptr parse_json_object(const std::string& body);

// The member's value as text; "" when the object or the member is missing or null.
std::string string_member(const Poco::JSON::Object::Ptr& object, const std::string& name);

// A JSON array of already serialised items.
std::string json_array_of(const std::vector<std::string>& items);

// What `read` returns; Poco's exceptions while it reads an answer become std::runtime_error
// "unexpected WHAT JSON: ...".
template <typename Read>
auto reading_json(const char* what, Read read) -> decltype(read()) {
  try {
    return read();
  } catch (const Poco::Exception& e) {
    throw std::runtime_error(std::string("unexpected ") + what + " JSON: " + e.displayText());
  }
}

}  // namespace cib
