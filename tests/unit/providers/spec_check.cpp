#include "spec_check.h"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

namespace cib::test {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  std::istringstream in(path);
  std::string segment;
  while (std::getline(in, segment, '/')) {
    if (!segment.empty()) segments.push_back(segment);
  }
  return segments;
}

bool template_matches(const std::string& templ, const std::string& path) {
  const auto t = split_path(templ);
  const auto p = split_path(path);
  if (t.size() != p.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].front() == '{') continue;
    if (t[i] != p[i]) return false;
  }
  return true;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool is_base_object(const Object::Ptr& schema) {
  const Object::Ptr discriminator = schema->getObject("discriminator");
  return discriminator && discriminator->optValue<std::string>("propertyName", "") == "type";
}

bool has_type(const Var& value, const std::string& type) {
  if (type == "object") return value.type() == typeid(Object::Ptr);
  if (type == "array") return value.type() == typeid(Array::Ptr);
  if (type == "string") return value.isString();
  if (type == "boolean") return value.type() == typeid(bool);
  if (type == "integer") return value.isInteger() && !value.isBoolean();
  if (type == "number") return value.isNumeric() && !value.isBoolean();
  return true;
}

class Validator {
 public:
  std::vector<std::string> problems;

  void check(const Var& value, const Object::Ptr& schema, const std::string& where) {
    if (!schema) return;
    if (schema->getArray("allOf")) {
      check_all_of(value, schema, where);
      return;
    }
    std::string type = schema->optValue<std::string>("type", "");
    // DC leaves `type` out of some object schemas (the legacy build status).
    if (type.empty() && schema->getObject("properties")) type = "object";
    // report_data.value is typed object, but the host documents numbers, strings, booleans and
    // objects; the simulator accepts any value there too.
    if (!type.empty() && where.size() > 6 && where.substr(where.size() - 6) == ".value") return;
    if (!type.empty() && !has_type(value, type)) {
      problems.push_back(where + ": expected " + type);
      return;
    }
    check_enum(value, schema, where);
    if (value.isString()) check_string(value.toString(), schema, where);
    if (schema->has("minimum") && value.isNumeric() &&
        value.convert<double>() < schema->getValue<double>("minimum")) {
      problems.push_back(where + ": below minimum");
    }
    if (type == "array") check_array(value.extract<Array::Ptr>(), schema, where);
    if (type == "object") check_object(value.extract<Object::Ptr>(), {schema}, where);
  }

 private:
  static void flatten(const Object::Ptr& schema, std::vector<Object::Ptr>& parts) {
    const Array::Ptr all = schema->getArray("allOf");
    if (!all) {
      parts.push_back(schema);
      return;
    }
    for (std::size_t i = 0; i < all->size(); ++i) {
      flatten(all->getObject(static_cast<unsigned>(i)), parts);
    }
  }

  void check_all_of(const Var& value, const Object::Ptr& schema, const std::string& where) {
    std::vector<Object::Ptr> parts;
    flatten(schema, parts);
    if (value.type() != typeid(Object::Ptr)) {
      problems.push_back(where + ": expected object");
      return;
    }
    check_object(value.extract<Object::Ptr>(), parts, where);
  }

  void check_enum(const Var& value, const Object::Ptr& schema, const std::string& where) {
    const Array::Ptr allowed = schema->getArray("enum");
    if (!allowed) return;
    for (std::size_t i = 0; i < allowed->size(); ++i) {
      if (allowed->get(static_cast<unsigned>(i)).toString() == value.toString()) return;
    }
    problems.push_back(where + ": \"" + value.toString() + "\" is not in the enum");
  }

  void check_string(const std::string& text, const Object::Ptr& schema, const std::string& where) {
    if (schema->has("maxLength") && text.size() > schema->getValue<std::size_t>("maxLength")) {
      problems.push_back(where + ": longer than maxLength");
    }
    const std::string pattern = schema->optValue<std::string>("pattern", "");
    if (!pattern.empty() && !std::regex_search(text, std::regex(pattern))) {
      problems.push_back(where + ": \"" + text + "\" does not match " + pattern);
    }
  }

  void check_array(const Array::Ptr& array, const Object::Ptr& schema, const std::string& where) {
    if (schema->has("minItems") && array->size() < schema->getValue<std::size_t>("minItems")) {
      problems.push_back(where + ": fewer items than minItems");
    }
    if (schema->has("maxItems") && array->size() > schema->getValue<std::size_t>("maxItems")) {
      problems.push_back(where + ": more items than maxItems");
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      check(array->get(static_cast<unsigned>(i)), schema->getObject("items"),
            where + '[' + std::to_string(i) + ']');
    }
  }

  // A schema made of several parts (allOf, flattened): the object must satisfy each part, and
  // each field must be named by one of them.
  void check_object(const Object::Ptr& object, const std::vector<Object::Ptr>& parts,
                    const std::string& where) {
    std::set<std::string> known;
    for (const Object::Ptr& part : parts) {
      check_required(object, part, where);
      if (const Object::Ptr properties = part->getObject("properties")) {
        for (const auto& name : properties->getNames()) known.insert(name);
      }
    }
    for (const auto& name : object->getNames()) {
      const Object::Ptr property = property_schema(parts, name);
      if (!property) {
        if (!known.empty()) problems.push_back(where + '.' + name + ": not a field of the schema");
        continue;
      }
      check(object->get(name), property, where + '.' + name);
    }
  }

  static Object::Ptr property_schema(const std::vector<Object::Ptr>& parts,
                                     const std::string& name) {
    for (const Object::Ptr& part : parts) {
      const Object::Ptr properties = part->getObject("properties");
      if (properties && properties->has(name)) return properties->getObject(name);
    }
    return nullptr;
  }

  void check_required(const Object::Ptr& object, const Object::Ptr& part,
                      const std::string& where) {
    const Array::Ptr required = part->getArray("required");
    if (!required) return;
    for (std::size_t i = 0; i < required->size(); ++i) {
      const std::string name = required->getElement<std::string>(static_cast<unsigned>(i));
      // The quirk the simulator relaxes: the base object's `type` is not sent by clients.
      if (name == "type" && is_base_object(part)) continue;
      if (!object->has(name)) problems.push_back(where + '.' + name + ": required but missing");
    }
  }
};

}  // namespace

SpecCheck::SpecCheck(const std::string& file, const std::string& base_path, Aliases aliases)
    : base_path_(base_path), aliases_(std::move(aliases)) {
  const std::string path = CIB_SOURCE_DIR "/tests/forge-sim/specs/" + file;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  Poco::JSON::Parser parser;
  const Object::Ptr spec = parser.parse(in).extract<Object::Ptr>();
  paths_ = spec->getObject("paths");
  if (const Object::Ptr derived = spec->getObject("x-docs-derived-paths")) {
    for (const auto& name : derived->getNames()) paths_->set(name, derived->get(name));
  }
}

namespace {

// The operation's body schema: OpenAPI 3's requestBody, or Swagger 2's `in: body` parameter.
Object::Ptr body_schema(const Object::Ptr& operation) {
  if (const Object::Ptr body = operation->getObject("requestBody")) {
    const Object::Ptr content = body->getObject("content");
    const Object::Ptr json = content->getObject("application/json");
    // DC declares some bodies as */*.
    return (json ? json : content->getObject(content->getNames().front()))->getObject("schema");
  }
  const Array::Ptr parameters = operation->getArray("parameters");
  for (std::size_t i = 0; parameters && i < parameters->size(); ++i) {
    const Object::Ptr parameter = parameters->getObject(static_cast<unsigned>(i));
    if (parameter && parameter->optValue<std::string>("in", "") == "body") {
      return parameter->getObject("schema");
    }
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> SpecCheck::problems(const HttpRequest& request) const {
  std::string path = base_path_ + request.target.substr(0, request.target.find('?'));
  for (const auto& alias : aliases_) {
    if (path.compare(0, alias.first.size(), alias.first) == 0) {
      path = alias.second + path.substr(alias.first.size());
      break;
    }
  }
  for (const auto& templ : paths_->getNames()) {
    if (!template_matches(templ, path)) continue;
    const Object::Ptr operation = paths_->getObject(templ)->getObject(lower(request.method));
    if (!operation) return {request.method + ' ' + templ + ": no such operation"};
    const Object::Ptr schema = body_schema(operation);
    if (!schema) {
      if (request.body.empty()) return {};
      return {request.method + ' ' + templ + ": takes no body"};
    }
    Poco::JSON::Parser parser;
    Validator validator;
    validator.check(parser.parse(request.body), schema, request.method + ' ' + templ + " body");
    return validator.problems;
  }
  return {request.method + ' ' + path + ": no documented path"};
}

SpecCheck data_center_spec() {
  return SpecCheck("bitbucket-dc.json", "",
                   {{"/rest/build-status/1.0/", "/build-status/latest/"}, {"/rest/", "/"}});
}

}  // namespace cib::test
