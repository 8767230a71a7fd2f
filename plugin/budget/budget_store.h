// Where an identity's request log lives. Every process that shares a store shares one budget:
// a take reads the log, decides and appends in one atomic step, so two processes never both
// take the last request of a window. Implementations: MemoryBudgetStore (one process),
// SqliteBudgetStore (every process of a machine, budget.path) and RedisBudgetStore (machines,
// budget.shared). Times are wall-clock milliseconds of the store's own clock.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "budget/budget_types.h"

namespace cib {

class BudgetStore {
 public:
  virtual ~BudgetStore() = default;

  // Counts one request of `identity` when every limit in `limits` allows it now (and no pause
  // holds); otherwise counts nothing and says how long to wait. Throws BudgetError (RedisError
  // for Redis) when the store cannot be used.
  virtual Ticket take(const std::string& identity, const Limits& limits,
                      const TakeRequest& request) = 0;

  // The host says `count` more requests were made than the log holds (other tools, people):
  // logs them as external entries in log `log` at wall time `at_ms` (which may be in the past,
  // so they age out when the host's own window resets).
  virtual void add_external(const std::string& identity, const std::string& log, std::int64_t count,
                            std::int64_t at_ms) = 0;

  // Pauses every take of `identity` until `until_ms` (a 429). Never shortens a longer pause.
  virtual void pause(const std::string& identity, std::int64_t until_ms) = 0;

  // The identity's use of each limit now.
  virtual Usage usage(const std::string& identity, const Limits& limits) = 0;

  // Every identity with entries in the store (for `cibatch budget`).
  virtual std::vector<std::string> identities() = 0;

  // Says that client `client_id` of `identity` is alive for the next ttl_ms (fallback shares).
  virtual void heartbeat(const std::string& identity, const std::string& client_id,
                         std::int64_t ttl_ms) = 0;

  // The store's clock, wall-clock milliseconds.
  virtual std::int64_t now_ms() = 0;

  // "memory", "sqlite PATH", "redis HOST:PORT/DB": for messages and the budget JSON.
  virtual std::string describe() const = 0;
};

}  // namespace cib
