// The gateway in this process in front of a forge-sim child, and a tool's HTTP client: what
// the gateway's integration tests share.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "forge_sim.h"
#include "gateway/gateway_config.h"
#include "gateway/gateway_service.h"
#include "temp_dir.h"
#include "transport/http_types.h"

namespace cib::test {

// The upstream token forge-sim requires: never a tool's.
constexpr const char* kHostToken = "host-secret-token-1";

struct ToolSpec {
  std::string name;
  std::string token;
  std::string priority = "background";
  std::int64_t quota_per_hour = 0;
};

// One tool's request and the gateway's answer.
struct ToolAnswer {
  int status = 0;
  Headers headers;
  std::string body;
  std::string header(const std::string& name) const;
};

class GatewayRig {
 public:
  // A gateway with one upstream (the simulator) unless more are added before start().
  GatewayRig(ForgeSim& sim, std::vector<ToolSpec> tools,
             std::vector<GatewayCacheEntry> cache_rules);
  ~GatewayRig();

  gw::GatewayConfig& config() { return config_; }
  Settings& upstream_settings(std::size_t index = 0) { return config_.upstreams[index].settings; }
  // Another upstream on the same simulator under `mount`, with its own token and account.
  void add_upstream(const std::string& mount, const std::string& token, const std::string& account);
  void start();

  ToolAnswer send(const std::string& token, const std::string& method, const std::string& target,
                  const std::string& body = "", const Headers& headers = {}) const;
  ToolAnswer get(const std::string& token, const std::string& target) const {
    return send(token, "GET", target);
  }
  // The simulator's count of API requests whose path starts with `prefix` and method is `method`.
  std::int64_t host_requests(const std::string& method, const std::string& prefix) const;
  const std::string& log_text() const { return *log_; }
  const TempDir& dir() const { return dir_; }
  std::uint16_t port() const;

 private:
  ForgeSim& sim_;
  TempDir dir_;
  gw::GatewayConfig config_;
  std::shared_ptr<std::string> log_;
  std::unique_ptr<gw::Gateway> gateway_;
};

}  // namespace cib::test
