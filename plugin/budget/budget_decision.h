// The one rule every store applies, so the memory and SQLite stores and the Redis script agree:
// given the log entries in each window, the bucket levels and the pause, may a request of this
// priority go now, and if not, when?
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "budget/budget_types.h"

namespace cib {

// One logged request.
struct LogEntry {
  std::int64_t t_ms = 0;
  int priority = 0;  // a Priority, or kExternalPriority
};

// A log's entries within reach of the window (older ones may be left out), oldest first.
struct LogView {
  std::vector<LogEntry> entries;
};

struct BucketLevel {
  double tokens = 0;
  std::int64_t updated_ms = 0;  // 0: never used (full)
};

// Whether log `limit` counts `request`.
bool log_applies(const LogLimit& limit, const TakeRequest& request);
// Whether bucket `limit` counts `request`.
bool bucket_applies(const BucketLimit& limit, const TakeRequest& request);

// Decides a take at `now_ms`. `logs` and `buckets` are parallel to `limits`. When granted,
// `buckets` hold their levels after the take (the store writes them back) and the store
// appends {now_ms, priority} to every log that applies.
Ticket decide(const Limits& limits, const TakeRequest& request, std::int64_t now_ms,
              const std::vector<LogView>& logs, std::vector<BucketLevel>& buckets,
              std::int64_t paused_until_ms);

// Whether a refusal by `blocker` would refuse every lower priority too, for as long: the
// rolling window's caps shrink with the priority, and a pause holds everything. A full bucket,
// a write log or the bulk share holds only requests like the refused one.
bool holds_lower_priorities(Blocker blocker);

// The kind of blocker a full `limit` is: the rolling window counts every request.
Blocker log_blocker(const LogLimit& limit);

// The use of every limit at `now_ms`, from the same views.
Usage measure(const Limits& limits, std::int64_t now_ms, const std::vector<LogView>& logs,
              const std::vector<BucketLevel>& buckets, std::int64_t paused_until_ms);

// Entries older than this no longer count for any log of `limits`: stores may delete them.
std::int64_t horizon_ms(const Limits& limits, std::int64_t now_ms);

}  // namespace cib
