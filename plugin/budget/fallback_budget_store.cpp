#include "budget/fallback_budget_store.h"

#include <algorithm>
#include <set>

#include "budget/budget_decision.h"
#include "redis/redis_error.h"

namespace cib {
namespace {

constexpr Duration kRetryEvery{1000};
constexpr std::int64_t kExternalKeepMs = 24 * 3600 * 1000;  // longer than any host's window

}  // namespace

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

void FallbackBudgetStore::lost(const std::string& why) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!answering_) return;
    answering_ = false;
    next_attempt_ = clock_.now() + kRetryEvery;
    // The local log starts from this process's own entries: its slice of each window is
    // measured against what it spent itself.
    local_ = std::make_unique<MemoryBudgetStore>(clock_);
    granted_away_ = 0;
    const std::int64_t now = local_now_ms();
    for (auto& entry : seen_) entry.second.own_at_loss.clear();
    for (const Granted& own : own_) {
      if (own.entry.keep_until_ms > now) {
        local_->append(own.identity, own.entry.log, {own.entry.t_ms, own.entry.priority});
        ++seen_[own.identity].own_at_loss[own.entry.log];
      }
    }
    for (const auto& [identity, seen] : seen_) {
      if (seen.paused_until_ms > 0) local_->pause(identity, seen.paused_until_ms);
    }
  }
  if (warn_) {
    warn_("budget: " + why +
          "; until it answers, this process spends only its share of what "
          "remained and keeps a log of what it sends");
  }
}

bool FallbackBudgetStore::redis_ready() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (answering_) return true;
    if (clock_.now() < next_attempt_) return false;
    next_attempt_ = clock_.now() + kRetryEvery;
  }
  return bring_back();
}

bool FallbackBudgetStore::bring_back() {
  std::size_t added = 0;
  try {
    redis_.now_ms();  // learns the offset between the clocks before any entry is moved
    hand_back_pauses();
    // Everything of ours that still counts, not only what was granted while Redis was away:
    // a Redis that restarted empty lost the rest. Members make a second add a no-op.
    std::vector<Granted> batch;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      const std::int64_t now = local_now_ms();
      for (const Granted& own : own_) {
        if (own.entry.keep_until_ms > now) batch.push_back(own);
      }
      added = granted_away_;
    }
    hand_back(batch);
    std::lock_guard<std::mutex> lock(mutex_);
    answering_ = true;
    granted_away_ = 0;
  } catch (const RedisError&) {
    std::lock_guard<std::mutex> lock(mutex_);
    next_attempt_ = clock_.now() + kRetryEvery;
    return false;
  }
  if (warn_) {
    warn_("budget: " + redis_.describe() + " answers again; " + std::to_string(added) +
          " log entries made while it was away were added to it");
  }
  return true;
}

void FallbackBudgetStore::hand_back(const std::vector<Granted>& granted) {
  const std::int64_t offset = redis_.clock_offset_ms();
  std::map<std::string, std::vector<LoggedEntry>> by_identity;
  for (const Granted& one : granted) {
    LoggedEntry entry = one.entry;
    entry.t_ms += offset;
    entry.keep_until_ms += offset;
    by_identity[one.identity].push_back(entry);
  }
  for (const auto& [identity, entries] : by_identity) redis_.add_logged(identity, entries);
}

void FallbackBudgetStore::hand_back_pauses() {
  std::map<std::string, std::int64_t> pauses;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::int64_t now = local_now_ms();
    for (const auto& [identity, seen] : seen_) {
      if (seen.paused_until_ms > now) pauses[identity] = seen.paused_until_ms;
    }
  }
  // A 429 met while Redis was away pauses the other machines too once it is back.
  for (const auto& [identity, until] : pauses) {
    redis_.pause(identity, until + redis_.clock_offset_ms());
  }
}

void FallbackBudgetStore::remember(const std::string& identity, LoggedEntry entry) {
  const std::int64_t now = local_now_ms();
  own_.erase(std::remove_if(own_.begin(), own_.end(),
                            [now](const Granted& own) { return own.entry.keep_until_ms <= now; }),
             own_.end());
  own_.push_back({identity, std::move(entry)});
}

Limits FallbackBudgetStore::share(const std::string& identity, const Limits& limits) const {
  const auto found = seen_.find(identity);
  const Seen* seen = found == seen_.end() ? nullptr : &found->second;
  const std::int64_t live = std::max<std::int64_t>(1, seen != nullptr ? seen->live_clients : 1);
  const std::int64_t now = local_now_ms();
  // Rounded down, so the slices never add up to more than the window holds.
  Limits shared = limits;
  for (LogLimit& log : shared.logs) {
    const auto count = [](const std::map<std::string, std::int64_t>& by_log,
                          const std::string& name) {
      const auto it = by_log.find(name);
      return it == by_log.end() ? std::int64_t{0} : it->second;
    };
    const bool counted_still_in_window =
        seen != nullptr && now < seen->seen_at_ms + log.window_ms + limits.margin_ms;
    for (std::int64_t& cap : log.cap) {
      const std::int64_t slice = cap / live;
      if (!counted_still_in_window) {
        cap = slice;
        continue;
      }
      const std::int64_t remained = std::max<std::int64_t>(0, cap - count(seen->used, log.name));
      cap = std::min(slice, count(seen->own_at_loss, log.name) + remained / live);
    }
    if (log.bulk_cap >= 0) log.bulk_cap /= live;
  }
  for (BucketLimit& bucket : shared.buckets) {
    bucket.capacity = std::max<std::int64_t>(1, bucket.capacity / live);
    bucket.refill_ms *= live;
  }
  return shared;
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
