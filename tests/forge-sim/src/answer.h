// What the simulator answers to one API request, before it is (or is not) sent.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <utility>
#include <vector>

namespace cib::sim {

struct Answer {
  int status = 200;
  std::string body;  // JSON text; empty for 204
  std::vector<std::pair<std::string, std::string>> headers;
  // A 400 counts as an invalid request unless the host gives it to a valid one (GitLab's
  // refused status transition).
  bool counts_invalid = true;
  std::string content_type = "application/json";  // of a body that is not empty
};

// A routed request as the endpoints see it; `Route` is the host's route type.
template <class Route>
struct RoutedCall {
  Route route;
  std::string method;
  Poco::Dynamic::Var body;  // parsed and schema-checked JSON, or empty
  std::string origin;       // "http(s)://127.0.0.1:PORT", for absolute links
};

// Bitbucket Cloud's error shape: {"type":"error","error":{"message":"..."}}.
Answer error_answer(int status, const std::string& message);

Answer json_answer(int status, const Poco::JSON::Object::Ptr& body);

std::string to_json(const Poco::JSON::Object::Ptr& object);

}  // namespace cib::sim
