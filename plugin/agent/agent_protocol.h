// The agent's protocol, version 1: one JSON object per line, a request and then its reply
// (docs/AGENT.md). Requests are decoded here (agent side) and encoded here (command side), and
// so are replies; the JSON library stays inside agent_protocol.cpp. Members not named here are
// refused, so that a misspelt option is an error, not a silent default.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace cib::agent {

inline constexpr int kProtocolVersion = 1;
// Tags from 2^63 up are the agent's own (a --wait post's); a request may not use them.
inline constexpr std::uint64_t kMaxRequestTag = (std::uint64_t{1} << 63) - 1;

// Which identity of the agent a request is for: the command's host.kind, effective
// host.api_url and budget.account (empty: any account).
struct Route {
  std::string kind, api_url, account;
};

// One delivery report as it travels: kind and outcome are cib_slot_kind / cib_outcome values.
struct DeliveryRecord {
  std::uint64_t tag = 0;
  std::int32_t kind = 0;
  std::string repo, commit;
  std::int64_t pr = 0;
  std::string key;
  std::int32_t outcome = 0;
  std::int32_t http_status = 0;
  std::string message;
};

struct HelloRequest {};

struct PostRequest {
  std::optional<Route> route;  // none: the agent's first identity
  std::uint64_t tag = 0;
  bool force = false;
  std::int64_t wait_ms = -1;  // < 0: answer once posted; else wait for delivery this long
  std::string post_json;      // the "post" object as JSON text (a trace op, or sonar_task)
  std::string server_url, dashboard_url;  // a sonar post's links
};

struct FlushRequest {
  std::optional<Route> route;
  std::uint64_t tag = 0;
  std::int64_t timeout_ms = 30000;  // < 0: no limit
};

using Request = std::variant<HelloRequest, PostRequest, FlushRequest>;

// A line that is not a request of this version. word() is the reply's "error": "protocol" or
// "version"; what() says which member is wrong.
class ProtocolError : public std::runtime_error {
 public:
  ProtocolError(std::string word, const std::string& message)
      : std::runtime_error(message), word_(std::move(word)) {}
  const std::string& word() const { return word_; }

 private:
  std::string word_;
};

Request parse_request(const std::string& line);  // throws ProtocolError
std::string encode(const HelloRequest& request);
std::string encode(const PostRequest& request);
std::string encode(const FlushRequest& request);

struct IdentityInfo {
  std::string kind, api_url, account;
};

struct AgentInfo {
  std::int64_t pid = 0, uid = 0;
  std::string user, version, socket;
  std::vector<IdentityInfo> identities;
};

// How a wait ended: status is a cib_status name ("CIB_OK", "CIB_ERR_TIMED_OUT", …).
struct Settled {
  std::string status;
  std::uint64_t left = 0;
  std::string message;
  std::vector<DeliveryRecord> reports;
};

// A decoded reply (the command's side). ok false: error (a word of docs/AGENT.md), message, and for
// the library's refusals status.
struct Answer {
  bool ok = false;
  std::string error, status, message;
  std::optional<AgentInfo> info;
  std::optional<Settled> settled;
};

std::string hello_reply(const AgentInfo& info);
std::string accepted_reply();
std::string settled_reply(const Settled& settled);
std::string error_reply(const std::string& word, const std::string& message,
                        const std::string& status = "");
Answer parse_answer(const std::string& line);  // throws ProtocolError

// Whether a route names this identity: same kind, same API URL (scheme and host compared
// without case, a trailing '/' ignored), and the same account when the route names one.
bool route_matches(const Route& route, const IdentityInfo& identity);

}  // namespace cib::agent
