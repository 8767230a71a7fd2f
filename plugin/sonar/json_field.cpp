#include "sonar/json_field.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <limits>
#include <utility>

#include "sonar/sonar_error.h"
#include "sonar/sonar_limits.h"
#include "sonar/text_bounds.h"

namespace cib::sonar {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const char* kind_of(const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) return "null";
  if (value.type() == typeid(Object::Ptr)) return "an object";
  if (value.type() == typeid(Array::Ptr)) return "an array";
  if (value.isString()) return "a string";
  if (value.isBoolean()) return "a boolean";
  if (value.isNumeric()) return "a number";
  return "another kind of value";
}

}  // namespace

JsonField::JsonField(const Poco::Dynamic::Var& value, std::string where, std::string path)
    : value_(value), where_(std::move(where)), path_(std::move(path)) {}

JsonField JsonField::parse(const std::string& text, const std::string& where) {
  const std::size_t bad = first_invalid_utf8(text);
  if (bad != std::string::npos) {
    throw SonarError(SonarErrorKind::invalid_input,
                     where + ": byte " + std::to_string(bad) + ": invalid UTF-8");
  }
  try {
    Poco::JSON::Parser parser;
    parser.setDepth(kMaxJsonDepth);
    return JsonField(parser.parse(text), where, "");
  } catch (const Poco::Exception& e) {
    throw SonarError(SonarErrorKind::invalid_input, where + ": not valid JSON: " + e.message());
  } catch (const std::exception& e) {
    throw SonarError(SonarErrorKind::invalid_input, where + ": not valid JSON: " + e.what());
  }
}

void JsonField::fail(const std::string& what) const {
  const std::string at = path_.empty() ? "" : path_ + ": ";
  throw SonarError(SonarErrorKind::invalid_input, where_ + ": " + at + what);
}

bool JsonField::is_object() const {
  return value_.type() == typeid(Object::Ptr);
}
bool JsonField::is_array() const {
  return value_.type() == typeid(Array::Ptr);
}
bool JsonField::is_string() const {
  return value_.isString();
}

std::optional<JsonField> JsonField::optional_member(const std::string& name) const {
  if (!is_object()) fail(std::string("expected an object, got ") + kind_of(value_));
  const Object::Ptr object = value_.extract<Object::Ptr>();
  const std::string path = path_.empty() ? name : path_ + "." + name;
  if (!object->has(name) || object->isNull(name)) return std::nullopt;
  return JsonField(object->get(name), where_, path);
}

JsonField JsonField::member(const std::string& name) const {
  std::optional<JsonField> field = optional_member(name);
  if (!field)
    JsonField(Poco::Dynamic::Var(), where_, path_.empty() ? name : path_ + "." + name)
        .fail("missing");
  return *field;
}

std::vector<std::string> JsonField::member_names() const {
  if (!is_object()) fail(std::string("expected an object, got ") + kind_of(value_));
  std::vector<std::string> names;
  value_.extract<Object::Ptr>()->getNames(names);
  std::sort(names.begin(), names.end());
  return names;
}

std::size_t JsonField::size() const {
  if (!is_array()) fail(std::string("expected an array, got ") + kind_of(value_));
  return value_.extract<Array::Ptr>()->size();
}

JsonField JsonField::at(std::size_t index) const {
  if (index >= size()) fail("no element " + std::to_string(index));
  const Array::Ptr array = value_.extract<Array::Ptr>();
  return JsonField(array->get(static_cast<unsigned>(index)), where_,
                   path_ + "[" + std::to_string(index) + "]");
}

std::string JsonField::raw_string() const {
  if (!is_string()) fail(std::string("expected a string, got ") + kind_of(value_));
  std::string text = value_.extract<std::string>();
  // An escape such as "\udc00" can still decode to bytes that are not UTF-8.
  if (first_invalid_utf8(text) != std::string::npos) fail("invalid UTF-8");
  return text;
}

std::string JsonField::text() const {
  std::string text = raw_string();
  if (text.size() > kMaxFieldBytes) {
    throw SonarError(SonarErrorKind::too_large,
                     where_ + ": " + path_ + ": " + std::to_string(text.size()) +
                         " bytes, more than " + std::to_string(kMaxFieldBytes));
  }
  return text;
}

std::string JsonField::text_cut(std::size_t max_bytes) const {
  return cut_with_note(raw_string(), max_bytes);
}

std::int32_t JsonField::int32() const {
  if (!value_.isInteger()) fail(std::string("expected an integer, got ") + kind_of(value_));
  try {
    const auto number = value_.convert<std::int64_t>();
    if (number >= 0 && number <= std::numeric_limits<std::int32_t>::max()) {
      return static_cast<std::int32_t>(number);
    }
  } catch (const Poco::Exception&) {
  }
  fail("expected an integer from 0 to 2147483647");
}

}  // namespace cib::sonar
