#include "budget/budget_decision.h"

#include <algorithm>
#include <cmath>

namespace cib {
namespace {

bool counts(const LogLimit& limit, std::int64_t margin_ms, std::int64_t now_ms,
            const LogEntry& entry) {
  return entry.t_ms > now_ms - limit.window_ms - margin_ms;
}

// The moment the entry at `index` of the counted ones (oldest first) leaves the window.
std::int64_t leaves_at(const LogLimit& limit, std::int64_t margin_ms, const LogEntry& entry) {
  return entry.t_ms + limit.window_ms + margin_ms + 1;
}

// How long until a full log has room below `cap` (0: room now).
std::int64_t log_wait(const LogLimit& limit, std::int64_t margin_ms, std::int64_t now_ms,
                      const std::vector<LogEntry>& counted, std::int64_t cap, int only_priority) {
  std::vector<const LogEntry*> held;
  for (const LogEntry& entry : counted) {
    if (only_priority < 0 || entry.priority == only_priority) held.push_back(&entry);
  }
  const auto used = static_cast<std::int64_t>(held.size());
  if (used < cap) return 0;
  // A cap of 0 never opens; ask again after a whole window rather than index an empty log.
  if (held.empty()) return limit.window_ms + margin_ms + 1;
  // Room opens when the oldest used - cap + 1 entries have aged out.
  const std::size_t index = static_cast<std::size_t>(used - std::max<std::int64_t>(cap, 0));
  const LogEntry& last_to_go = *held[std::min(index, held.size() - 1)];
  return std::max<std::int64_t>(1, leaves_at(limit, margin_ms, last_to_go) - now_ms);
}

std::vector<LogEntry> counted_entries(const LogLimit& limit, std::int64_t margin_ms,
                                      std::int64_t now_ms, const LogView& view) {
  std::vector<LogEntry> counted;
  for (const LogEntry& entry : view.entries) {
    if (counts(limit, margin_ms, now_ms, entry)) counted.push_back(entry);
  }
  std::sort(counted.begin(), counted.end(),
            [](const LogEntry& a, const LogEntry& b) { return a.t_ms < b.t_ms; });
  return counted;
}

double refilled(const BucketLimit& limit, const BucketLevel& level, std::int64_t now_ms) {
  if (level.updated_ms == 0) return static_cast<double>(limit.capacity);
  const double gained = static_cast<double>(std::max<std::int64_t>(0, now_ms - level.updated_ms)) /
                        static_cast<double>(std::max<std::int64_t>(1, limit.refill_ms));
  return std::min(static_cast<double>(limit.capacity), level.tokens + gained);
}

}  // namespace

const char* to_string(Priority priority) {
  switch (priority) {
    case Priority::gating:
      return "gating";
    case Priority::comment:
      return "comment";
    case Priority::bulk:
      return "bulk";
    case Priority::progress:
      return "progress";
  }
  return "gating";
}

bool holds_lower_priorities(Blocker blocker) {
  return blocker == Blocker::rolling_window || blocker == Blocker::pause;
}

Blocker log_blocker(const LogLimit& limit) {
  return limit.writes_only ? Blocker::write_log : Blocker::rolling_window;
}

bool log_applies(const LogLimit& limit, const TakeRequest& request) {
  return !limit.writes_only || request.write;
}

bool bucket_applies(const BucketLimit& limit, const TakeRequest& request) {
  switch (limit.scope) {
    case BucketScope::all:
      return true;
    case BucketScope::writes:
      return request.write;
    case BucketScope::note_creates:
      return request.note_create;
  }
  return true;
}

Ticket decide(const Limits& limits, const TakeRequest& request, std::int64_t now_ms,
              const std::vector<LogView>& logs, std::vector<BucketLevel>& buckets,
              std::int64_t paused_until_ms) {
  Ticket ticket;
  if (paused_until_ms > now_ms) {
    ticket.wait_ms = paused_until_ms - now_ms;
    ticket.blocked_by = kPauseBlocker;
    ticket.blocker = Blocker::pause;
    return ticket;
  }
  const int priority = static_cast<int>(request.priority);
  for (std::size_t i = 0; i < limits.logs.size() && i < logs.size(); ++i) {
    const LogLimit& limit = limits.logs[i];
    if (!log_applies(limit, request)) continue;
    const std::vector<LogEntry> counted = counted_entries(limit, limits.margin_ms, now_ms, logs[i]);
    const std::int64_t wait =
        log_wait(limit, limits.margin_ms, now_ms, counted, limit.cap[priority], -1);
    if (wait > ticket.wait_ms) {
      ticket.wait_ms = wait;
      ticket.blocked_by = limit.name;
      ticket.blocker = log_blocker(limit);
    }
    if (request.priority == Priority::bulk && limit.bulk_cap >= 0) {
      const std::int64_t bulk_wait = log_wait(limit, limits.margin_ms, now_ms, counted,
                                              limit.bulk_cap, static_cast<int>(Priority::bulk));
      if (bulk_wait > ticket.wait_ms) {
        ticket.wait_ms = bulk_wait;
        ticket.blocked_by = limit.name + kBulkShareSuffix;
        ticket.blocker = Blocker::bulk_share;
      }
    }
  }
  std::vector<double> levels(limits.buckets.size());
  for (std::size_t i = 0; i < limits.buckets.size() && i < buckets.size(); ++i) {
    const BucketLimit& limit = limits.buckets[i];
    levels[i] = refilled(limit, buckets[i], now_ms);
    if (!bucket_applies(limit, request) || levels[i] >= 1.0) continue;
    const auto wait = static_cast<std::int64_t>(std::ceil(
        (1.0 - levels[i]) * static_cast<double>(std::max<std::int64_t>(1, limit.refill_ms))));
    if (wait > ticket.wait_ms) {
      ticket.wait_ms = std::max<std::int64_t>(1, wait);
      ticket.blocked_by = limit.name;
      ticket.blocker = Blocker::bucket;
    }
  }
  if (ticket.wait_ms > 0) return ticket;
  for (std::size_t i = 0; i < limits.buckets.size() && i < buckets.size(); ++i) {
    buckets[i].tokens = levels[i] - (bucket_applies(limits.buckets[i], request) ? 1.0 : 0.0);
    buckets[i].updated_ms = now_ms;
  }
  ticket.granted = true;
  return ticket;
}

Usage measure(const Limits& limits, std::int64_t now_ms, const std::vector<LogView>& logs,
              const std::vector<BucketLevel>& buckets, std::int64_t paused_until_ms) {
  Usage usage;
  usage.now_ms = now_ms;
  usage.paused_until_ms = paused_until_ms > now_ms ? paused_until_ms : 0;
  for (std::size_t i = 0; i < limits.logs.size(); ++i) {
    const LogLimit& limit = limits.logs[i];
    LogUsage log;
    log.name = limit.name;
    log.window_ms = limit.window_ms;
    log.limit = limit.limit;
    if (i < logs.size()) {
      const std::vector<LogEntry> counted =
          counted_entries(limit, limits.margin_ms, now_ms, logs[i]);
      log.used = static_cast<std::int64_t>(counted.size());
      for (const LogEntry& entry : counted) {
        ++log.by_priority[std::clamp(entry.priority, 0, kExternalPriority)];
      }
      if (!counted.empty()) log.oldest_ms = counted.front().t_ms;
    }
    usage.logs.push_back(log);
  }
  for (std::size_t i = 0; i < limits.buckets.size(); ++i) {
    BucketUsage bucket;
    bucket.name = limits.buckets[i].name;
    bucket.capacity = limits.buckets[i].capacity;
    bucket.tokens = i < buckets.size() ? refilled(limits.buckets[i], buckets[i], now_ms)
                                       : static_cast<double>(bucket.capacity);
    usage.buckets.push_back(bucket);
  }
  return usage;
}

std::int64_t horizon_ms(const Limits& limits, std::int64_t now_ms) {
  std::int64_t longest = 0;
  for (const LogLimit& limit : limits.logs) longest = std::max(longest, limit.window_ms);
  return now_ms - longest - limits.margin_ms;
}

}  // namespace cib
