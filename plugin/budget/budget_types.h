// The budget's vocabulary: what a request is for, the limits it must fit, and what a take
// answers. Plain data shared by the stores (memory, SQLite, Redis) and the client's Budget.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cib {

// What a request is for, in the order the budget serves them when it runs short.
enum class Priority : int {
  gating = 0,    // the first status of a key on a commit, terminal states: merge checks wait
  comment = 1,   // a comment whose content changed
  bulk = 2,      // reports and annotations (at most bulk_share of a window)
  progress = 3,  // INPROGRESS -> INPROGRESS edits
};
constexpr int kPriorityCount = 4;
// Entries the host told us about that no process logged (headers): counted, never taken.
constexpr int kExternalPriority = kPriorityCount;

const char* to_string(Priority priority);  // gating, comment, bulk, progress

// A rolling window kept as a sliding log of request times: a take of priority p is allowed
// while fewer than cap[p] logged requests fall within the last window_ms (+ the skew margin).
struct LogLimit {
  std::string name;  // "all", "write-minute", "write-hour", "write-spacing"
  std::int64_t window_ms = 0;
  std::int64_t limit = 0;                 // what the host allows (for reports)
  std::int64_t cap[kPriorityCount] = {};  // what each priority may fill the window up to
  std::int64_t bulk_cap = -1;             // -1: none; else at most this many bulk entries
  bool writes_only = false;               // counts content-creating requests only
};

// A token bucket (Bitbucket DC per node, GitLab's per-minute limits).
enum class BucketScope { all, writes, note_creates };
struct BucketLimit {
  std::string name;  // "node", "notes"
  std::int64_t capacity = 0;
  std::int64_t refill_ms = 0;  // one token per refill_ms
  BucketScope scope = BucketScope::all;
};

struct Limits {
  std::vector<LogLimit> logs;  // logs[0] is "all" when a rolling limit applies
  std::vector<BucketLimit> buckets;
  // Entries count this long past their window: the host logs a request when it arrives, a
  // little after we log it, so without a margin the host could see one more in its window.
  std::int64_t margin_ms = 0;
};

// One request to be counted.
struct TakeRequest {
  Priority priority = Priority::gating;
  bool write = false;        // creates or changes content (POST, PUT, PATCH, DELETE)
  bool note_create = false;  // creates a PR note/comment (GitLab's notes bucket)
};

// The rolling window's log (logs[0] when the host has one).
constexpr const char* kRollingLogName = "all";
// Ticket::blocked_by of a take refused by a 429 pause.
constexpr const char* kPauseBlocker = "pause";
// Ticket::blocked_by of a bulk request refused by its share alone: "all/bulk-share".
constexpr const char* kBulkShareSuffix = "/bulk-share";

// What kind of limit refused a take.
enum class Blocker {
  none,            // granted, or nothing known refused it
  pause,           // a 429 pause holds the identity
  rolling_window,  // the host's rolling window (counts every request)
  write_log,       // a log of content-creating requests only
  bulk_share,      // the bulk share of a log
  bucket,          // a token bucket
};

struct Ticket {
  bool granted = false;
  std::int64_t wait_ms = 0;         // when refused: the earliest time it may be granted, from now
  std::string blocked_by;           // when refused: the log or bucket that is full, or "pause"
  Blocker blocker = Blocker::none;  // when refused: the kind of `blocked_by`
};

// One log's use at a moment, for observability.
struct LogUsage {
  std::string name;
  std::int64_t window_ms = 0;
  std::int64_t limit = 0;
  std::int64_t used = 0;
  std::int64_t by_priority[kPriorityCount + 1] = {};  // the last one: external
  std::int64_t oldest_ms = 0;  // wall ms of the oldest entry in the window; 0: none
};

struct BucketUsage {
  std::string name;
  std::int64_t capacity = 0;
  double tokens = 0;
};

struct Usage {
  std::int64_t now_ms = 0;  // the store's clock (wall ms)
  std::vector<LogUsage> logs;
  std::vector<BucketUsage> buckets;
  std::int64_t paused_until_ms = 0;  // 0: not paused
  std::int64_t live_clients = 0;     // clients that sent a heartbeat within its TTL
};

}  // namespace cib
