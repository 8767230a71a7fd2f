// The shared budget of budget.shared with a way to keep delivering while Redis is away.
// While Redis answers, every call goes to it; the store remembers the live clients of each
// identity (heartbeats) and keeps its own log of what it was granted within the window.
// When a call fails, the store says so once, then serves takes from memory, against this
// process's own log: each log's caps become an equal slice for each live client, cap / live
// (rounded down), and, until what Redis last counted has aged out, no more than this process's
// share of what remained then: its own entries + (cap - used) / live. So the clients spend
// about what remained of the window when Redis went, never a window's worth again. It asks Redis
// again at most once a second (on a take), and when Redis answers adds its own log back at
// the original times (moved onto Redis' clock): entries Redis still holds are not counted
// twice, and a Redis that restarted empty learns the whole window again.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "budget/budget_store.h"
#include "budget/memory_budget_store.h"
#include "budget/redis_budget_store.h"
#include "runtime/clock.h"

namespace cib {

class FallbackBudgetStore final : public BudgetStore {
 public:
  using Warn = std::function<void(const std::string&)>;

  // `url`, `clock`, `client_id`, `timeout`: as for RedisBudgetStore (throws RedisError when the
  // URL cannot be used). `warn` receives one line when Redis is lost and one when it is back,
  // never one per request; it runs on the caller's thread, outside the store's lock.
  FallbackBudgetStore(const std::string& url, const Clock& clock, std::string client_id, Warn warn,
                      std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));

  Ticket take(const std::string& identity, const Limits& limits,
              const TakeRequest& request) override;
  void add_external(const std::string& identity, const std::string& log, std::int64_t count,
                    std::int64_t at_ms) override;
  void pause(const std::string& identity, std::int64_t until_ms) override;
  Usage usage(const std::string& identity, const Limits& limits) override;
  std::vector<std::string> identities() override;
  void heartbeat(const std::string& identity, const std::string& client_id,
                 std::int64_t ttl_ms) override;
  // Redis' clock while it answers, else this process's (the frame pause() and add_external()
  // are read in until Redis answers again).
  std::int64_t now_ms() override;
  std::string describe() const override { return redis_.describe(); }

  // False while takes are served from memory.
  bool redis_answering();

 private:
  // What the last answer from Redis showed for one identity.
  struct Seen {
    std::map<std::string, std::int64_t> used;         // log name -> entries in its window
    std::int64_t seen_at_ms = 0;                      // when `used` was read (our clock)
    std::map<std::string, std::int64_t> own_at_loss;  // log name -> our entries then
    std::int64_t live_clients = 0;
    std::int64_t paused_until_ms = 0;  // this process's clock
  };
  struct Granted {
    std::string identity;
    LoggedEntry entry;  // this process's clock
  };

  bool redis_ready();
  bool bring_back();
  void hand_back(const std::vector<Granted>& granted);
  // Adds one granted entry to own_, forgetting those that no longer count. With mutex_ held.
  void remember(const std::string& identity, LoggedEntry entry);
  void hand_back_pauses();
  void lost(const std::string& why);
  Limits share(const std::string& identity, const Limits& limits) const;
  Ticket take_locally(const std::string& identity, const Limits& limits,
                      const TakeRequest& request);
  std::int64_t local_now_ms() const;

  const Clock& clock_;
  RedisBudgetStore redis_;
  Warn warn_;
  std::mutex mutex_;  // guards everything below
  bool answering_ = true;
  TimePoint next_attempt_{};
  std::unique_ptr<MemoryBudgetStore> local_;
  std::map<std::string, Seen> seen_;
  std::vector<Granted> own_;      // what this process was granted that may still count
  std::size_t granted_away_ = 0;  // of those, granted from memory since Redis was lost
};

}  // namespace cib
