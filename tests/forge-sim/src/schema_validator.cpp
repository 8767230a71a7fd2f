#include "schema_validator.h"

#include <Poco/JSON/Array.h>
#include <Poco/RegularExpression.h>

namespace cib::sim {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

bool is_object(const Var& value) {
  return value.type() == typeid(Object::Ptr);
}
bool is_array(const Var& value) {
  return value.type() == typeid(Array::Ptr);
}

bool has_type(const Var& value, const std::string& type) {
  if (type == "object") return is_object(value);
  if (type == "array") return is_array(value);
  if (type == "string") return value.isString();
  if (type == "boolean") return value.isBoolean();
  if (type == "integer") return value.isInteger() && !value.isBoolean();
  if (type == "number") return value.isNumeric() && !value.isBoolean();
  if (type == "null") return value.isEmpty();
  return true;  // unknown type words are not ours to reject
}

bool looks_like_uri(const std::string& text) {
  const Poco::RegularExpression uri("^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$");
  return uri.match(text);
}

// The characters of a UTF-8 string (its bytes that do not continue a character).
std::size_t code_points(const std::string& text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

std::string describe(const Var& value) {
  if (is_object(value)) return "an object";
  if (is_array(value)) return "an array";
  if (value.isEmpty()) return "null";
  if (value.isString()) return "\"" + value.toString() + "\"";
  return value.toString();
}

class Validator {
 public:
  std::string error;

  bool check(const Object::Ptr& schema, const Var& value, const std::string& path) {
    if (schema.isNull()) return true;
    if (auto all_of = schema->getArray("allOf")) {
      for (std::size_t i = 0; i < all_of->size(); ++i) {
        if (!check(all_of->getObject(static_cast<unsigned>(i)), value, path)) return false;
      }
    }
    if (schema->has("type")) {
      const std::string type = schema->getValue<std::string>("type");
      if (!has_type(value, type))
        return fail(path, "expected " + type + ", got " + describe(value));
    }
    return check_enum(schema, value, path) && check_scalar(schema, value, path) &&
           check_object(schema, value, path) && check_array(schema, value, path);
  }

 private:
  bool fail(const std::string& path, const std::string& message) {
    error = path + ": " + message;
    return false;
  }

  bool check_enum(const Object::Ptr& schema, const Var& value, const std::string& path) {
    const auto allowed = schema->getArray("enum");
    if (allowed.isNull()) return true;
    std::string words;
    for (std::size_t i = 0; i < allowed->size(); ++i) {
      const Var option = allowed->get(static_cast<unsigned>(i));
      if (value.isString() && option.isString() && option.toString() == value.toString()) {
        return true;
      }
      words += (i == 0 ? "" : ", ") + option.toString();
    }
    return fail(path, describe(value) + " is not one of " + words);
  }

  bool check_scalar(const Object::Ptr& schema, const Var& value, const std::string& path) {
    if (schema->has("minimum") && value.isNumeric() && !value.isBoolean()) {
      const double minimum = schema->getValue<double>("minimum");
      if (value.convert<double>() < minimum) {
        return fail(path, describe(value) + " is less than the minimum " +
                              schema->get("minimum").toString());
      }
    }
    if (!value.isString()) return true;
    const std::string text = value.toString();
    if (schema->has("maxLength") &&
        code_points(text) > schema->getValue<std::size_t>("maxLength")) {
      return fail(path, "a string of " + std::to_string(code_points(text)) +
                            " characters, longer than the maxLength " +
                            schema->get("maxLength").toString());
    }
    if (schema->has("format") && schema->getValue<std::string>("format") == "uri" &&
        !looks_like_uri(text)) {
      return fail(path, describe(value) + " is not a URI");
    }
    if (schema->has("pattern")) {
      const Poco::RegularExpression pattern(schema->getValue<std::string>("pattern"));
      Poco::RegularExpression::Match found;
      if (pattern.match(text, found) == 0) {  // JSON-schema patterns are unanchored
        return fail(
            path, describe(value) + " does not match " + schema->getValue<std::string>("pattern"));
      }
    }
    return true;
  }

  bool check_object(const Object::Ptr& schema, const Var& value, const std::string& path) {
    if (!is_object(value)) return true;
    const auto object = value.extract<Object::Ptr>();
    const auto properties = schema->getObject("properties");
    if (const auto required = schema->getArray("required")) {
      for (std::size_t i = 0; i < required->size(); ++i) {
        const std::string name = required->get(static_cast<unsigned>(i)).toString();
        if (!object->has(name)) return fail(path, "the field \"" + name + "\" is required");
      }
    }
    const bool closed = schema->has("additionalProperties") &&
                        schema->get("additionalProperties").isBoolean() &&
                        !schema->getValue<bool>("additionalProperties");
    for (const auto& name : object->getNames()) {
      const std::string child = path + "." + name;
      if (properties && properties->has(name)) {
        if (!check(properties->getObject(name), object->get(name), child)) return false;
      } else if (closed) {
        return fail(child, "unknown field");
      }
    }
    return true;
  }

  bool check_array(const Object::Ptr& schema, const Var& value, const std::string& path) {
    if (!is_array(value)) return true;
    const auto array = value.extract<Array::Ptr>();
    const auto count = array->size();
    if (schema->has("minItems") && count < schema->getValue<std::size_t>("minItems")) {
      return fail(path, "expected at least " + schema->get("minItems").toString() + " items, got " +
                            std::to_string(count));
    }
    if (schema->has("maxItems") && count > schema->getValue<std::size_t>("maxItems")) {
      return fail(path, "expected at most " + schema->get("maxItems").toString() + " items, got " +
                            std::to_string(count));
    }
    const auto items = schema->getObject("items");
    if (items.isNull()) return true;
    for (std::size_t i = 0; i < count; ++i) {
      const std::string child = path + "[" + std::to_string(i) + "]";
      if (!check(items, array->get(static_cast<unsigned>(i)), child)) return false;
    }
    return true;
  }
};

}  // namespace

std::string validate_against_schema(const Poco::JSON::Object::Ptr& schema,
                                    const Poco::Dynamic::Var& value) {
  Validator validator;
  validator.check(schema, value, "$");
  return validator.error;
}

}  // namespace cib::sim
