#include "budget/fallback_budget_store.h"

#include <algorithm>
#include <set>

#include "budget/budget_decision.h"
#include "redis/redis_error.h"

namespace cib {
FallbackBudgetStore::FallbackBudgetStore(const std::string& url, const Clock& clock,
                                         std::string client_id, Warn warn,
                                         std::chrono::milliseconds timeout)
    : clock_(clock),
      redis_(url, clock, std::move(client_id), timeout),
      warn_(std::move(warn)),
      local_(std::make_unique<MemoryBudgetStore>(clock)) {}

std::int64_t FallbackBudgetStore::local_now_ms() const {
  return clock_.wall_ns() / 1'000'000;
}

bool FallbackBudgetStore::redis_answering() {
  std::lock_guard<std::mutex> lock(mutex_);
  return answering_;
}

Ticket FallbackBudgetStore::take_locally(const std::string& identity, const Limits& limits,
                                         const TakeRequest& request) {
  std::lock_guard<std::mutex> lock(mutex_);
  const Ticket ticket = local_->take(identity, share(identity, limits), request);
  if (!ticket.granted) return ticket;
  const std::int64_t now = local_->now_ms();
  const int priority = static_cast<int>(request.priority);
  const std::string member = redis_.new_member(priority);
  for (const LogLimit& log : limits.logs) {
    if (!log_applies(log, request)) continue;
    remember(identity, LoggedEntry{log.name, now, priority,
                                   now + log.window_ms + limits.margin_ms + 1, member});
  }
  ++granted_away_;
  return ticket;
}

Ticket FallbackBudgetStore::take(const std::string& identity, const Limits& limits,
                                 const TakeRequest& request) {
  if (redis_ready()) {
    try {
      const RedisTake take = redis_.take_observed(identity, limits, request);
      std::lock_guard<std::mutex> lock(mutex_);
      Seen& seen = seen_[identity];
      seen.live_clients = take.live_clients;
      for (std::size_t i = 0; i < limits.logs.size() && i < take.used.size(); ++i) {
        seen.used[limits.logs[i].name] = take.used[i];
      }
      seen.seen_at_ms = local_now_ms();
      if (take.ticket.granted) {
        const std::int64_t at = take.now_ms - redis_.clock_offset_ms();
        for (const LogLimit& log : limits.logs) {
          if (!log_applies(log, request)) continue;
          remember(identity, LoggedEntry{log.name, at, static_cast<int>(request.priority),
                                         at + log.window_ms + limits.margin_ms + 1, take.member});
        }
      }
      return take.ticket;
    } catch (const RedisError& e) {
      lost(e.what());
    }
  }
  return take_locally(identity, limits, request);
}

void FallbackBudgetStore::add_external(const std::string& identity, const std::string& log,
                                       std::int64_t count, std::int64_t at_ms) {
  std::int64_t local_at = at_ms;
  if (redis_answering()) {
    try {
      redis_.add_external(identity, log, count, at_ms);
      return;
    } catch (const RedisError& e) {
      lost(e.what());
      local_at -= redis_.clock_offset_ms();  // read on Redis' clock
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  local_->add_external(identity, log, count, local_at);
  for (std::int64_t i = 0; i < count; ++i) {
    remember(identity, LoggedEntry{log, local_at, kExternalPriority, local_at + kExternalKeepMs,
                                   redis_.new_member(kExternalPriority)});
  }
  granted_away_ += static_cast<std::size_t>(count);
}

void FallbackBudgetStore::pause(const std::string& identity, std::int64_t until_ms) {
  std::int64_t local_until = until_ms;
  if (redis_answering()) {
    try {
      redis_.pause(identity, until_ms);
      std::lock_guard<std::mutex> lock(mutex_);
      std::int64_t& paused = seen_[identity].paused_until_ms;
      paused = std::max(paused, until_ms - redis_.clock_offset_ms());
      return;
    } catch (const RedisError& e) {
      lost(e.what());
      local_until -= redis_.clock_offset_ms();  // read on Redis' clock
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  local_->pause(identity, local_until);
  std::int64_t& paused = seen_[identity].paused_until_ms;
  paused = std::max(paused, local_until);
}

Usage FallbackBudgetStore::usage(const std::string& identity, const Limits& limits) {
  if (redis_answering()) {
    try {
      Usage usage = redis_.usage(identity, limits);
      std::lock_guard<std::mutex> lock(mutex_);
      Seen& seen = seen_[identity];
      seen.live_clients = usage.live_clients;
      return usage;
    } catch (const RedisError& e) {
      lost(e.what());
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  Usage usage = local_->usage(identity, share(identity, limits));
  const auto seen = seen_.find(identity);
  usage.live_clients =
      seen == seen_.end() ? 1 : std::max<std::int64_t>(1, seen->second.live_clients);
  return usage;
}

std::vector<std::string> FallbackBudgetStore::identities() {
  if (redis_answering()) {
    try {
      return redis_.identities();
    } catch (const RedisError& e) {
      lost(e.what());
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  std::set<std::string> names;
  for (const std::string& name : local_->identities()) names.insert(name);
  for (const auto& entry : seen_) names.insert(entry.first);
  return {names.begin(), names.end()};
}

void FallbackBudgetStore::heartbeat(const std::string& identity, const std::string& client_id,
                                    std::int64_t ttl_ms) {
  if (redis_answering()) {
    try {
      const std::int64_t live = redis_.heartbeat_observed(identity, client_id, ttl_ms);
      std::lock_guard<std::mutex> lock(mutex_);
      seen_[identity].live_clients = live;
      return;
    } catch (const RedisError& e) {
      lost(e.what());
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  local_->heartbeat(identity, client_id, ttl_ms);
}

std::int64_t FallbackBudgetStore::now_ms() {
  if (redis_answering()) {
    try {
      return redis_.now_ms();
    } catch (const RedisError& e) {
      lost(e.what());
    }
  }
  return local_now_ms();
}

}  // namespace cib
