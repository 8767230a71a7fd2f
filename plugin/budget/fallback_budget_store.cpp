#include "budget/fallback_budget_store.h"

#include <algorithm>
#include <set>

#include "budget/budget_decision.h"
#include "budget/budget_error.h"

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
    // A fresh log: what Redis held is accounted for by the shares, not by local entries.
    local_ = std::make_unique<MemoryBudgetStore>(clock_);
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
    while (true) {
      std::vector<Granted> batch;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (granted_.empty()) {
          answering_ = true;
          break;
        }
        batch.swap(granted_);
      }
      try {
        hand_back(batch);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        granted_.insert(granted_.begin(), batch.begin(), batch.end());
        throw;
      }
      added += batch.size();
    }
  } catch (const BudgetError&) {
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

Limits FallbackBudgetStore::share(const std::string& identity, const Limits& limits) const {
  const auto found = seen_.find(identity);
  const Seen* seen = found == seen_.end() ? nullptr : &found->second;
  const std::int64_t live = std::max<std::int64_t>(1, seen ? seen->live_clients : 1);
  Limits shared = limits;
  for (LogLimit& log : shared.logs) {
    std::int64_t used = 0;
    if (seen) {
      const auto u = seen->used.find(log.name);
      if (u != seen->used.end()) used = u->second;
    }
    for (std::int64_t& cap : log.cap) {
      cap = std::max<std::int64_t>(1, std::max<std::int64_t>(0, cap - used) / live);
    }
    if (log.bulk_cap >= 0) log.bulk_cap = std::max<std::int64_t>(1, log.bulk_cap / live);
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
  for (const LogLimit& log : limits.logs) {
    if (!log_applies(log, request)) continue;
    granted_.push_back({identity, LoggedEntry{log.name, now, static_cast<int>(request.priority),
                                              now + log.window_ms + limits.margin_ms + 1}});
  }
  return ticket;
}

Ticket FallbackBudgetStore::take(const std::string& identity, const Limits& limits,
                                 const TakeRequest& request) {
  if (redis_ready()) {
    try {
      const RedisTake take = redis_.take_observed(identity, limits, request);
      std::lock_guard<std::mutex> lock(mutex_);
      Seen& seen = seen_[identity];
      for (std::size_t i = 0; i < limits.logs.size() && i < take.used.size(); ++i) {
        seen.used[limits.logs[i].name] = take.used[i];
      }
      seen.live_clients = take.live_clients;
      return take.ticket;
    } catch (const BudgetError& e) {
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
    } catch (const BudgetError& e) {
      lost(e.what());
      local_at -= redis_.clock_offset_ms();  // read on Redis' clock
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  local_->add_external(identity, log, count, local_at);
  for (std::int64_t i = 0; i < count; ++i) {
    granted_.push_back(
        {identity, LoggedEntry{log, local_at, kExternalPriority, local_at + kExternalKeepMs}});
  }
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
    } catch (const BudgetError& e) {
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
      for (const LogUsage& log : usage.logs) seen.used[log.name] = log.used;
      seen.live_clients = usage.live_clients;
      return usage;
    } catch (const BudgetError& e) {
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
    } catch (const BudgetError& e) {
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
    } catch (const BudgetError& e) {
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
    } catch (const BudgetError& e) {
      lost(e.what());
    }
  }
  return local_now_ms();
}

}  // namespace cib
