#include "gateway/gateway_answers.h"

#include <Poco/JSON/Object.h>
#include <Poco/String.h>

#include <algorithm>
#include <sstream>

#include "gateway/hop_by_hop.h"

namespace cib::gw {
namespace {

constexpr std::int64_t kMsPerSecond = 1000;

bool named(const std::string& name, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(),
                     [&](const char* candidate) { return Poco::icompare(name, candidate) == 0; });
}

bool hop_by_hop(const std::string& name) {
  return named(name, {"Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE",
                      "Trailer", "Transfer-Encoding", "Upgrade", "Proxy-Connection"});
}

}  // namespace

GatewayAnswer error_answer(int status, const std::string& message, Outcome outcome) {
  Poco::JSON::Object error;
  error.set("message", "cibatch gateway: " + message);
  Poco::JSON::Object root;
  root.set("type", "error");
  root.set("error", error);
  std::ostringstream body;
  root.stringify(body);
  GatewayAnswer answer;
  answer.status = status;
  answer.body = body.str();
  answer.headers.emplace_back("Content-Type", "application/json");
  answer.headers.emplace_back("X-Cibatch-Gateway", to_string(outcome));
  return answer;
}

GatewayAnswer too_many(const std::string& message, std::int64_t wait_ms, Outcome outcome) {
  const std::int64_t seconds =
      std::max<std::int64_t>(1, (wait_ms + kMsPerSecond - 1) / kMsPerSecond);
  GatewayAnswer answer =
      error_answer(429, message + "; try again in " + std::to_string(seconds) + " s", outcome);
  answer.headers.emplace_back("Retry-After", std::to_string(seconds));
  return answer;
}

Headers upstream_headers(const Headers& tool_headers, bool cached_read) {
  Headers out;
  for (const auto& [name, value] : end_to_end(tool_headers)) {
    if (hop_by_hop(name) ||
        named(name, {"Host", "Authorization", "PRIVATE-TOKEN", "Cookie", "Content-Length",
                     "Content-Type", "Accept-Encoding", "Expect"})) {
      continue;
    }
    if (cached_read &&
        named(name, {"If-None-Match", "If-Modified-Since", "Cache-Control", "Pragma"})) {
      continue;
    }
    out.emplace_back(name, value);
  }
  return out;
}

Headers tool_headers(const Headers& host_headers) {
  Headers out;
  for (const auto& [name, value] : end_to_end(host_headers)) {
    if (hop_by_hop(name) || named(name, {"Set-Cookie", "Content-Length"})) {
      continue;
    }
    out.emplace_back(name, value);
  }
  return out;
}

std::string header_value(const Headers& headers, const std::string& name) {
  for (const auto& [key, value] : headers) {
    if (Poco::icompare(key, name) == 0) return value;
  }
  return "";
}

void set_header(Headers& headers, const std::string& name, const std::string& value) {
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [&](const auto& h) { return Poco::icompare(h.first, name) == 0; }),
                headers.end());
  headers.emplace_back(name, value);
}

}  // namespace cib::gw
