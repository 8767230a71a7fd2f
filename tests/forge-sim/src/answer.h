// What the simulator answers to one API request, before it is (or is not) sent.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <utility>
#include <vector>

namespace cib::sim {

struct Answer {
  int status = 200;
  std::string body;  // JSON text; empty for 204
  std::vector<std::pair<std::string, std::string>> headers;
};

// Bitbucket Cloud's error shape: {"type":"error","error":{"message":"..."}}.
Answer error_answer(int status, const std::string& message);

Answer json_answer(int status, const Poco::JSON::Object::Ptr& body);

std::string to_json(const Poco::JSON::Object::Ptr& object);

}  // namespace cib::sim
