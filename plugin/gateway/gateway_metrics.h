// What the gateway counts, and the three ways it shows it: /metrics (Prometheus' text format),
// /status (a small HTML page: the figures per tool and the budget's last hour as a chart) and
// /status.json (the same figures for scripts). Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gateway/gateway_server.h"
#include "gateway/gateway_types.h"
#include "gateway/response_cache.h"
#include "runtime/clock.h"

namespace cib::gw {

// One upstream's budget as its store sees it now (read from Budget::json()).
struct BudgetView {
  std::string mount;       // the path the gateway serves it under, e.g. "/2.0"
  std::string kind;        // host.kind
  std::string identity;    // the budget identity (names no secret)
  std::int64_t limit = 0;  // 0: no rolling limit known
  std::int64_t window_s = 0;
  std::int64_t used = 0;  // requests in the window, every process of the account
  std::int64_t remaining = 0;
  std::int64_t paused_until_ms = 0;
};

// What the rest of the gateway knows at the moment a page is drawn.
struct GatewayView {
  std::vector<BudgetView> budgets;
  CacheCounts cache;
  ServerCounts server;
  std::vector<std::string> tools;                  // every configured tool, in order
  std::map<std::string, std::string> priorities;   // tool -> "interactive" | "background"
  std::map<std::string, std::int64_t> quotas;      // tool -> quota_per_hour (0: none)
  std::map<std::string, std::int64_t> quota_used;  // tool -> upstream requests in the last hour
  std::string version;
  std::int64_t started_ms = 0;
};

class GatewayMetrics {
 public:
  explicit GatewayMetrics(const Clock& clock);
  ~GatewayMetrics();
  GatewayMetrics(const GatewayMetrics&) = delete;
  GatewayMetrics& operator=(const GatewayMetrics&) = delete;

  // One answer to a tool ("" for a request no tool token matched).
  void answered(const std::string& tool, ToolPriority priority, Outcome outcome,
                std::int64_t latency_us);
  // One request sent to the host for a tool; status 0 when no answer came.
  void upstream(const std::string& tool, ToolPriority priority, int status);
  // A conditional read the host answered: true for 304.
  void revalidated(bool not_modified);
  // A request the host never saw because the gateway answered it with a 429 of its own or a
  // stale answer: a 429 from the host avoided.
  void avoided_429(const std::string& tool);

  // Called every few seconds: keeps the budget's use per minute for the last hour (the chart).
  void sample(const std::vector<BudgetView>& budgets);

  std::string prometheus(const GatewayView& view) const;
  std::string status_html(const GatewayView& view) const;
  std::string status_json(const GatewayView& view) const;

  // Totals for tests and the log.
  std::int64_t answered_total(Outcome outcome) const;
  std::int64_t upstream_total() const;

  // What one rendering shows, copied under the lock.
  struct Figures;

 private:
  struct ToolCounts;
  ToolCounts& counts_of(const std::string& tool);  // under mutex_
  static void add_tool_figures(const std::string& tool, const ToolCounts& counts, Figures& figures);
  Figures figures(const GatewayView& view) const;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<ToolCounts>> tools_;
  std::int64_t not_modified_ = 0;
  std::int64_t modified_ = 0;
  // The chart: for each upstream (by mount), 60 one-minute buckets of the highest `used` seen.
  struct History;
  std::map<std::string, std::unique_ptr<History>> history_;
};

}  // namespace cib::gw
