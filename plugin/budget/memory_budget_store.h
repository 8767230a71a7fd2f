// A budget store in this process's memory: the fallback while Redis is away, the store of a
// client configured with no shared file, and the reference the shared stores are tested against.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "budget/budget_decision.h"
#include "budget/budget_store.h"
#include "runtime/clock.h"

namespace cib {

class MemoryBudgetStore final : public BudgetStore {
 public:
  explicit MemoryBudgetStore(const Clock& clock) : clock_(clock) {}

  Ticket take(const std::string& identity, const Limits& limits,
              const TakeRequest& request) override;
  void add_external(const std::string& identity, const std::string& log, std::int64_t count,
                    std::int64_t at_ms) override;
  void pause(const std::string& identity, std::int64_t until_ms) override;
  Usage usage(const std::string& identity, const Limits& limits) override;
  std::vector<std::string> identities() override;
  void heartbeat(const std::string& identity, const std::string& client_id,
                 std::int64_t ttl_ms) override;
  std::int64_t now_ms() override;
  std::string describe() const override { return "memory"; }

  // Adds an entry logged elsewhere (the fallback store starts its log from this process's own
  // entries when Redis goes away), kept in time order.
  void append(const std::string& identity, const std::string& log, const LogEntry& entry);

 private:
  struct Identity {
    std::map<std::string, std::vector<LogEntry>> logs;
    std::map<std::string, BucketLevel> buckets;
    std::int64_t paused_until_ms = 0;
    std::map<std::string, std::int64_t> clients;  // client id -> heartbeat expiry
  };
  std::vector<LogView> views(Identity& identity, const Limits& limits, std::int64_t now_ms);
  std::int64_t live_clients(Identity& identity, std::int64_t now_ms);

  const Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, Identity> identities_;
};

}  // namespace cib
