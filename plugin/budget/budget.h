// One client's request budget: the limits of its host and identity, a store shared with every
// other process that spends the same account, and what the host's answers teach. The
// dispatcher asks take() before every request and hands every answer to observe().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "budget/budget_rules.h"
#include "budget/budget_store.h"
#include "budget/rate_signal.h"
#include "config/settings.h"
#include "runtime/clock.h"
#include "transport/http_types.h"

namespace cib {

// The account a host counts, as a name that holds no secret: "API-URL account:NAME" with
// budget.account, else "API-URL user:NAME" for basic authentication, else "API-URL token:HASH".
std::string budget_identity(const Settings& settings);

// What a request is, for the budget: the method decides whether it writes, the target whether
// it creates a note (GitLab's notes bucket).
TakeRequest classify_request(Priority priority, const HttpRequest& request);

class Budget {
 public:
  Budget(const Settings& settings, std::shared_ptr<BudgetStore> store, const Clock& clock);

  // Counts one request when the limits allow it now; otherwise says how long to wait. Throws
  // BudgetError when the store cannot be used.
  Ticket take(const TakeRequest& request);

  // Learns from one answer: the host's limit, use beyond our log, and 429 pauses (shared by
  // every process of the identity). Returns how long the identity pauses after a rate-limited
  // answer, or nullopt (nothing to go by: back off). Throws BudgetError (RedisError) when the
  // store cannot be used.
  std::optional<std::int64_t> observe(const HttpResponse& response);

  // {"identity","store","limit","window_s","window_assumed","reserve","used","remaining",
  //  "next_free_ms","paused_until_ms","live_clients","by_priority":{...},"logs":[...],
  //  "buckets":[...]}
  std::string json();

  // Once, after observe() learned a limit whose window nothing says (rolling_limit's
  // window_assumed): a line for the log naming the limit and budget.window_s. "" otherwise.
  std::string learned_notice();

  // Says this client is alive (for the fallback shares while Redis is away).
  void heartbeat(const std::string& client_id);

  const std::string& identity() const { return identity_; }
  bool limited() const;  // false: no limit applies, take() never waits

 private:
  Limits limits() const;
  void learn(const RateSignal& signal, std::int64_t now_ms);
  std::optional<std::int64_t> pause_for_rate_limit(const RateSignal& signal, std::int64_t now_ms);

  const Settings settings_;  // without the credential (identity_ is made from it)
  const std::string identity_;
  const std::shared_ptr<BudgetStore> store_;
  const Clock& clock_;
  mutable std::mutex mutex_;  // guards what is learned
  Learned learned_;
  int secondary_strikes_ = 0;    // GitHub secondary limits in a row: each doubles the wait
  bool window_noticed_ = false;  // the assumed-window line was made
  std::string notice_;           // ... and waits for learned_notice()
};

// The store the settings name: Redis (budget.shared, with a local fallback), else the machine's
// SQLite file (budget.path or its default). `warn` receives the Redis-lost/-back lines.
std::shared_ptr<BudgetStore> open_budget_store(const Settings& settings, const Clock& clock,
                                               const std::string& client_id,
                                               std::function<void(const std::string&)> warn);

}  // namespace cib
