// FallbackBudgetStore while Redis is away: noticing it went, the slice each client may spend
// meanwhile, and handing this client's log back when Redis answers again.
#include <algorithm>

#include "budget/budget_decision.h"
#include "budget/fallback_budget_store.h"
#include "redis/redis_error.h"

namespace cib {
namespace {

constexpr Duration kRetryEvery{1000};

}  // namespace

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

}  // namespace cib
