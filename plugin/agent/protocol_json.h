// The JSON side of the agent's protocol, shared by the request and the reply codecs: parsing
// one line into an object (depth-capped), writing one, and reading members strictly, each
// error a ProtocolError("protocol") that names the member.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <initializer_list>
#include <string>

#include "agent_protocol.h"

namespace cib::agent::json {

[[noreturn]] void fail(const std::string& message);
Poco::JSON::Object::Ptr parse_object(const std::string& line);
std::string to_text(const Poco::JSON::Object& object);

class Members {
 public:
  Members(Poco::JSON::Object::Ptr object, std::string where)
      : o_(std::move(object)), where_(std::move(where)) {}

  // Refuses any member not named.
  void allow_only(std::initializer_list<const char*> names) const;
  bool has(const std::string& name) const { return o_->has(name) && !o_->isNull(name); }
  std::string text(const std::string& name, const std::string& fallback = "") const;
  std::int64_t integer(const std::string& name, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) const;
  bool boolean(const std::string& name, bool fallback = false) const;
  Poco::JSON::Object::Ptr object(const std::string& name) const;  // required
  Poco::JSON::Array::Ptr array(const std::string& name) const;    // absent: empty

 private:
  Poco::JSON::Object::Ptr o_;
  std::string where_;
};

}  // namespace cib::agent::json
