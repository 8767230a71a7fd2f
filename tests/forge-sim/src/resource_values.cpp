#include "resource_values.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>
#include <Poco/UUIDGenerator.h>

#include <sstream>

namespace cib::sim {

std::string now_iso8601() {
  return Poco::DateTimeFormatter::format(Poco::Timestamp(),
                                         Poco::DateTimeFormat::ISO8601_FRAC_FORMAT);
}

std::string new_braced_uuid() {
  return "{" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString() + "}";
}

Poco::JSON::Object::Ptr parse_object(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Object::Ptr client_fields(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  auto copy = parse_object(out.str());
  for (const char* owned : {"type", "uuid", "created_on", "updated_on", "links"})
    copy->remove(owned);
  return copy;
}

std::string encode_segment(const std::string& segment) {
  std::string encoded;
  Poco::URI::encode(segment, "/?#%", encoded);
  return encoded;
}

std::string repository_path(const std::string& repo) {
  const auto slash = repo.find('/');
  return "/repositories/" + encode_segment(repo.substr(0, slash)) + "/" +
         encode_segment(repo.substr(slash + 1));
}

std::string string_field(const Poco::JSON::Object::Ptr& object, const std::string& name,
                         const std::string& fallback) {
  if (object.isNull() || !object->has(name)) return fallback;
  const auto value = object->get(name);
  return value.isString() ? value.toString() : fallback;
}

bool parse_positive_id(const std::string& text, long& id) {
  Poco::Int64 value = 0;
  if (!Poco::NumberParser::tryParse64(text, value) || value < 1) return false;
  id = static_cast<long>(value);
  return true;
}

}  // namespace cib::sim
