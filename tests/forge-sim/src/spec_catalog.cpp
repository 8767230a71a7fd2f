#include "spec_catalog.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>

#include <fstream>
#include <stdexcept>

namespace cib::sim {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

bool is_base_object_schema(const Object::Ptr& schema) {
  const auto discriminator = schema->getObject("discriminator");
  return discriminator && discriminator->has("propertyName") &&
         discriminator->getValue<std::string>("propertyName") == "type";
}

// The base `object` schema requires `type`, which clients never send and the host does not
// ask for (see the description's x-extract notes).
void drop_required_type(Object::Ptr schema) {
  const auto required = schema->getArray("required");
  if (required.isNull()) return;
  Array::Ptr kept = new Array;
  for (std::size_t i = 0; i < required->size(); ++i) {
    const auto name = required->get(static_cast<unsigned>(i)).toString();
    if (name != "type") kept->add(name);
  }
  schema->set("required", kept);
}

// report_data.value (DC: RestInsightReportData.value) is typed `object`, yet documented as a
// number, string, boolean or object.
void accept_any_report_value(const Object::Ptr& schema) {
  const auto properties = schema->getObject("properties");
  auto value = properties ? properties->getObject("value") : Object::Ptr();
  if (value) value->remove("type");
}

void relax_quirks(const Poco::Dynamic::Var& node) {
  if (node.type() == typeid(Array::Ptr)) {
    const auto array = node.extract<Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i)
      relax_quirks(array->get(static_cast<unsigned>(i)));
    return;
  }
  if (node.type() != typeid(Object::Ptr)) return;
  const auto schema = node.extract<Object::Ptr>();
  if (is_base_object_schema(schema)) drop_required_type(schema);
  const auto name = schema->optValue<std::string>("x-ref-name", "");
  if (name == "report_data" || name == "RestInsightReportData") accept_any_report_value(schema);
  for (const auto& name : schema->getNames()) relax_quirks(schema->get(name));
}

// Swagger 2.0 (GitLab's description) puts the body among the parameters: `in: body`.
Object::Ptr body_parameter_schema(const Object::Ptr& operation) {
  const auto parameters = operation->getArray("parameters");
  if (parameters.isNull()) return nullptr;
  for (std::size_t i = 0; i < parameters->size(); ++i) {
    const auto parameter = parameters->getObject(static_cast<unsigned>(i));
    if (parameter && parameter->has("in") && parameter->getValue<std::string>("in") == "body") {
      return parameter->getObject("schema");
    }
  }
  return nullptr;
}

Object::Ptr body_schema_of(const Object::Ptr& operation) {
  const auto body = operation->getObject("requestBody");
  if (body.isNull()) return body_parameter_schema(operation);
  const auto content = body ? body->getObject("content") : Object::Ptr();
  auto json = content ? content->getObject("application/json") : Object::Ptr();
  // Bitbucket DC describes some JSON bodies as "*/*".
  if (json.isNull() && content) json = content->getObject("*/*");
  return json ? json->getObject("schema") : Object::Ptr();
}

}  // namespace

SpecCatalog SpecCatalog::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open the API description");
  Object::Ptr root;
  try {
    root = Poco::JSON::Parser().parse(in).extract<Object::Ptr>();
  } catch (const Poco::Exception& e) {
    throw std::runtime_error(path + ": not a JSON API description: " + e.displayText());
  }
  if (root->getObject("paths").isNull()) {
    throw std::runtime_error(path + ": no \"paths\" object");
  }
  SpecCatalog catalog;
  catalog.add_paths(root->getObject("paths"));
  // Operations the vendor's description lacks, written from its documentation (GitLab's notes).
  if (root->getObject("x-docs-derived-paths")) {
    catalog.add_paths(root->getObject("x-docs-derived-paths"));
  }
  return catalog;
}

void SpecCatalog::add_paths(const Poco::JSON::Object::Ptr& paths) {
  for (const auto& spec_path : paths->getNames()) {
    const auto operations = paths->getObject(spec_path);
    for (const auto& method : operations->getNames()) {
      const auto operation = operations->getObject(method);
      const auto schema = operation ? body_schema_of(operation) : Object::Ptr();
      if (schema.isNull()) continue;
      relax_quirks(schema);
      const auto key = Poco::toUpper(method) + " " + spec_path;
      schemas_[key] = schema;
      const auto body = operation->getObject("requestBody");
      if (body && body->has("required") && !body->optValue<bool>("required", true)) {
        optional_bodies_.insert(key);
      }
    }
  }
}

Poco::JSON::Object::Ptr SpecCatalog::request_schema(const std::string& method,
                                                    const std::string& spec_path) const {
  const auto found = schemas_.find(method + " " + spec_path);
  return found == schemas_.end() ? Object::Ptr() : found->second;
}

bool SpecCatalog::body_optional(const std::string& method, const std::string& spec_path) const {
  return optional_bodies_.count(method + " " + spec_path) > 0;
}

}  // namespace cib::sim
