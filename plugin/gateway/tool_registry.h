// The tools that may use the gateway (gateway.clients): who a request comes from, by the token
// it carries, and each tool's hourly quota of upstream requests. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config/settings.h"
#include "gateway/gateway_types.h"
#include "runtime/clock.h"

namespace cib::gw {

struct Tool {
  std::string name;
  ToolPriority priority = ToolPriority::background;
  std::int64_t quota_per_hour = 0;  // 0: none
};

class ToolRegistry {
 public:
  // Reads every tool's token_file (a regular file of at most 16 KiB, the token its first line,
  // surrounding blanks trimmed). Throws std::runtime_error naming the tool and the file, never
  // the token, when one cannot be read, is empty, or two tools share a token.
  ToolRegistry(const std::vector<GatewayClientEntry>& clients, const Clock& clock);
  ~ToolRegistry();

  // The tool whose token the request carries: `Authorization: Bearer T`, `Authorization:
  // token T`, `Authorization: Basic base64(ANY:T)`, or `PRIVATE-TOKEN: T`. Compared in
  // constant time. nullptr when none matches.
  const Tool* identify(const Headers& headers) const;

  // Counts one upstream request against the tool's quota when it has room; else nullopt-free
  // refusal: returns the ms until it has room (> 0). 0 means counted.
  std::int64_t take_quota(const Tool& tool);
  // Gives back the newest count of take_quota() (the request did not go to the host after all).
  void refund_quota(const Tool& tool);
  // Upstream requests the tool made in the last hour.
  std::int64_t used_last_hour(const Tool& tool) const;

  const std::vector<Tool>& tools() const { return tools_; }

  // Removes the headers that carry a tool's token (Authorization, PRIVATE-TOKEN) so they
  // never reach the host.
  static void strip_credentials(Headers& headers);

 private:
  struct Entry;
  // Where `tool` sits in tools_; throws std::invalid_argument for a tool of another registry.
  std::size_t index_of(const Tool& tool) const;
  std::vector<Tool> tools_;
  std::vector<std::unique_ptr<Entry>> entries_;  // parallel to tools_: token digest, quota log
  const Clock& clock_;
  mutable std::mutex mutex_;
};

}  // namespace cib::gw
