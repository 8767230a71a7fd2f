// The gateway's plain values: a request as a tool sent it, the answer it gets, and the words
// the gateway's parts share (tool priorities, outcomes). No Poco type appears here.
#pragma once

#include <cstdint>
#include <string>

#include "transport/http_types.h"

namespace cib::gw {

// A tool's place in the account's budget. `gating` is the library's own and no tool has it.
enum class ToolPriority { interactive, background };
const char* to_string(ToolPriority priority);  // "interactive", "background"

// One request as the server read it: hop-by-hop headers already removed.
struct GatewayRequest {
  std::string method;  // as sent, upper case
  std::string target;  // the raw request target: path and query, still encoded
  Headers headers;
  std::string body;
  std::string host;     // the Host header ("" when absent)
  bool secure = false;  // arrived over TLS
  std::string peer;     // "ADDRESS:PORT", for the log
};

// One answer: the server adds Content-Length, Date and its own connection headers.
struct GatewayAnswer {
  int status = 200;
  Headers headers;
  std::string body;
};

// How the gateway answered one request, for the metrics.
enum class Outcome {
  hit,           // a fresh cached answer
  revalidated,   // a cached answer the host confirmed (304)
  miss,          // fetched from the host (a read that may be cached)
  collapsed,     // shared the answer of an identical read in flight
  stale,         // a cached answer past its TTL, marked stale (budget or quota short)
  passthrough,   // sent to the host and not cacheable (writes, reads without a rule)
  quota,         // 429: the tool's own quota is spent
  budget,        // 429: the account's budget cannot serve the tool's priority now
  unauthorized,  // 401: no or unknown tool token
  refused,       // 4xx of the gateway's own: no upstream for the path, a bad target, too large
  error,         // 502/504: the host could not be reached or did not answer
};
constexpr int kOutcomeCount = 11;
const char* to_string(Outcome outcome);

}  // namespace cib::gw
