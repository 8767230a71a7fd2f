// What the Redis budget tests share: limits in short real-time windows, a script of takes run
// against any store, and a process that survives writing to a Redis the test has killed.
#pragma once

#include <csignal>
#include <string>
#include <vector>

#include "budget/budget_store.h"
#include "budget/budget_types.h"
#include "redis_server.h"

namespace cib::test {

// One log "all" of `window_ms` whose caps are gating, comment, bulk, progress.
inline Limits log_limits(std::int64_t window_ms, std::int64_t gating, std::int64_t comment,
                         std::int64_t bulk, std::int64_t progress, std::int64_t bulk_cap = -1) {
  LogLimit log;
  log.name = "all";
  log.window_ms = window_ms;
  log.limit = gating;
  log.cap[static_cast<int>(Priority::gating)] = gating;
  log.cap[static_cast<int>(Priority::comment)] = comment;
  log.cap[static_cast<int>(Priority::bulk)] = bulk;
  log.cap[static_cast<int>(Priority::progress)] = progress;
  log.bulk_cap = bulk_cap;
  Limits limits;
  limits.logs.push_back(log);
  limits.margin_ms = 100;
  return limits;
}

inline TakeRequest request(Priority priority) {
  TakeRequest take;
  take.priority = priority;
  return take;
}

// Runs the takes in order; each answer as "granted" or the name of what blocked it.
inline std::vector<std::string> answers(BudgetStore& store, const std::string& identity,
                                        const Limits& limits,
                                        const std::vector<Priority>& priorities) {
  std::vector<std::string> out;
  for (Priority priority : priorities) {
    const Ticket ticket = store.take(identity, limits, request(priority));
    out.push_back(ticket.granted ? "granted" : ticket.blocked_by);
  }
  return out;
}

}  // namespace cib::test
