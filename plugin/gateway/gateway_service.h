// The gateway itself: for each request, which tool and which upstream; then the cache, the
// collapsing of identical reads, the tool's quota and the account's budget decide whether it
// goes to the host, waits, is answered from the cache or gets a 429 of the gateway's own.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "gateway/gateway_config.h"
#include "gateway/gateway_metrics.h"
#include "gateway/gateway_server.h"
#include "gateway/gateway_types.h"

namespace cib::gw {

class GatewayService {
 public:
  // Opens every upstream (credential, budget store, HTTP clients), the tools and the cache.
  // Throws std::runtime_error / std::invalid_argument with a message for the operator.
  GatewayService(const GatewayConfig& config, ServerLog log);
  ~GatewayService();
  GatewayService(const GatewayService&) = delete;
  GatewayService& operator=(const GatewayService&) = delete;

  GatewayAnswer handle(const GatewayRequest& request);

  // Samples the budgets for the chart (called every few seconds).
  void sample();
  GatewayView view(const ServerCounts& server) const;
  const GatewayMetrics& metrics() const;
  // Where view() reads the server's counters (the server is made after the service).
  void set_server_counts(std::function<ServerCounts()> counts);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The service behind its server, and the thread that samples the budgets.
class Gateway {
 public:
  Gateway(const GatewayConfig& config, ServerLog log);
  ~Gateway();
  void start();
  std::uint16_t port() const;
  std::string scheme() const;
  // Stops accepting and drains (config.drain_ms); returns requests cut short.
  std::int64_t stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cib::gw
