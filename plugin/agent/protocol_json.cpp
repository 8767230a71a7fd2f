#include "protocol_json.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <sstream>

namespace cib::agent::json {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// Deep enough for every request (a report's annotations sit at depth 4), shallow enough that a
// hostile line cannot exhaust the stack.
constexpr std::size_t kMaxDepth = 64;

std::string range(std::int64_t min, std::int64_t max) {
  return "expected an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

}  // namespace

void fail(const std::string& message) {
  throw ProtocolError("protocol", message);
}

Object::Ptr parse_object(const std::string& line) {
  Var value;
  try {
    Poco::JSON::Parser parser;
    parser.setDepth(kMaxDepth);
    value = parser.parse(line);
  } catch (const Poco::Exception& e) {
    fail("not JSON: " + e.message());
  } catch (const std::exception& e) {
    fail(std::string("not JSON: ") + e.what());
  }
  if (value.type() != typeid(Object::Ptr) || value.extract<Object::Ptr>().isNull()) {
    fail("expected one JSON object per line");
  }
  return value.extract<Object::Ptr>();
}

std::string to_text(const Object& object) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(object, out);
  return out.str();
}

void Members::allow_only(std::initializer_list<const char*> names) const {
  for (const auto& member : *o_) {
    if (std::none_of(names.begin(), names.end(),
                     [&](const char* n) { return member.first == n; })) {
      fail(where_ + "unknown member \"" + member.first + "\"");
    }
  }
}

std::string Members::text(const std::string& name, const std::string& fallback) const {
  if (!has(name)) return fallback;
  const Var v = o_->get(name);
  if (!v.isString()) fail(where_ + name + ": expected a string");
  return v.extract<std::string>();
}

std::int64_t Members::integer(const std::string& name, std::int64_t fallback, std::int64_t min,
                              std::int64_t max) const {
  if (!has(name)) return fallback;
  const Var v = o_->get(name);
  std::int64_t n = 0;
  try {
    if (!v.isInteger()) fail(where_ + name + ": " + range(min, max));
    n = v.convert<std::int64_t>();
  } catch (const Poco::Exception&) {
    fail(where_ + name + ": " + range(min, max));
  }
  if (n < min || n > max)
    fail(where_ + name + ": " + range(min, max) + ", got " + std::to_string(n));
  return n;
}

bool Members::boolean(const std::string& name, bool fallback) const {
  if (!has(name)) return fallback;
  const Var v = o_->get(name);
  if (v.type() != typeid(bool)) fail(where_ + name + ": expected true or false");
  return v.extract<bool>();
}

Object::Ptr Members::object(const std::string& name) const {
  if (!has(name)) fail(where_ + "missing member \"" + name + "\"");
  if (o_->get(name).type() != typeid(Object::Ptr)) fail(where_ + name + ": expected an object");
  return o_->getObject(name);
}

Array::Ptr Members::array(const std::string& name) const {
  if (!has(name)) return new Array;
  if (o_->get(name).type() != typeid(Array::Ptr)) fail(where_ + name + ": expected an array");
  return o_->getArray(name);
}

}  // namespace cib::agent::json
