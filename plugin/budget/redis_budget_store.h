// The budget shared by machines: every identity's logs, buckets, pause and live clients in Redis
// (budget.shared), each take one Lua script that applies decide()'s rule atomically with Redis'
// own clock. Safe to call from any thread (one Redis connection per thread).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "budget/budget_store.h"
#include "redis/redis_connection.h"
#include "redis/redis_url.h"
#include "runtime/clock.h"

namespace cib {

// What a take saw in Redis, for the fallback's share while Redis is away.
struct RedisTake {
  Ticket ticket;
  std::int64_t now_ms = 0;         // Redis' clock
  std::int64_t live_clients = 0;   // heartbeats within their TTL
  std::vector<std::int64_t> used;  // per limits.logs: entries in the window, after the take
  std::string member;              // the granted entry's member in every log it was added to
};

// How long an external entry (use the host reported) is kept: longer than any host's window.
constexpr std::int64_t kExternalKeepMs = 24 * 3600 * 1000;

// A request logged somewhere else (while Redis was away), to be added to a log.
struct LoggedEntry {
  std::string log;                 // the LogLimit name
  std::int64_t t_ms = 0;           // Redis' clock
  int priority = 0;                // a Priority, or kExternalPriority
  std::int64_t keep_until_ms = 0;  // Redis' clock: when it no longer counts for its log
  std::string member;              // the entry's member in its log; adding it again changes nothing
};

class RedisBudgetStore final : public BudgetStore {
 public:
  // `url`: budget.shared (see redis_url.h); throws RedisError (Kind::config) when it cannot be
  // used. Connects on first use. `client_id` must be unique among the processes sharing the
  // Redis (it makes log entries unique and names this client's heartbeat). `clock` must
  // outlive the store; `timeout` bounds each connect and each answer.
  RedisBudgetStore(const std::string& url, const Clock& clock, std::string client_id,
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
  std::int64_t now_ms() override;
  std::string describe() const override;

  // take(), with what Redis saw.
  RedisTake take_observed(const std::string& identity, const Limits& limits,
                          const TakeRequest& request);
  // heartbeat(); returns the number of live clients.
  std::int64_t heartbeat_observed(const std::string& identity, const std::string& client_id,
                                  std::int64_t ttl_ms);
  // Adds `entries` to the logs of `identity`, leaving out those that no longer count. Returns
  // how many it added.
  std::int64_t add_logged(const std::string& identity, const std::vector<LoggedEntry>& entries);
  // A member for an entry granted elsewhere (in memory), unique to this client.
  std::string new_member(int priority);

  // Redis' clock minus this process's wall clock, from the last answer that carried Redis'
  // time (0 before the first).
  std::int64_t clock_offset_ms() const { return offset_ms_.load(); }

 private:
  std::string key(const std::string& identity, const std::string& suffix) const;
  std::string unique_member();
  void learn_offset(std::int64_t redis_now_ms);

  RedisUrl url_;
  const Clock& clock_;
  std::string client_id_;
  RedisConnectionPool pool_;
  const RedisScript take_script_;
  const RedisScript usage_script_;
  const RedisScript add_external_script_;
  const RedisScript add_logged_script_;
  const RedisScript pause_script_;
  const RedisScript heartbeat_script_;
  std::atomic<std::uint64_t> sequence_{0};
  std::atomic<std::int64_t> offset_ms_{0};
};

}  // namespace cib
