// The limits an identity's requests must fit: the host kind's defaults, the configuration,
// and what the host's headers taught. Pure functions, so each rule is tested on its own.
#pragma once

#include <cstdint>
#include <optional>

#include "budget/budget_types.h"
#include "config/settings.h"

namespace cib {

// What the host's answers taught about its limits (rate_signal.h fills it).
struct Learned {
  std::optional<std::int64_t> limit;      // the host's rolling limit (X-RateLimit-Limit, ...)
  std::optional<std::int64_t> window_ms;  // its window, from the reset times it sends
};

// The rolling limit, its window and the reserve, after defaults by host kind:
//   bitbucket-cloud 1000 per 3600 s; github 5000 per 3600 s; gitlab 2000 per 60 s;
//   bitbucket-dc none (its per-node token bucket is the limit).
// budget.limit/window_s override the defaults; a learned limit lowers a default limit (never a
// configured one: the administrator may know a lower share), and a learned window replaces the
// default window. reserve: budget.reserve, else a tenth of the limit.
// window_assumed: the limit was learned lower than the vendor's but nothing says the window (no
// budget.window_s, no reset time): the host is configured unlike its vendor's default, and the
// vendor's window would be a guess that could hold requests back for most of an hour.
struct RollingLimit {
  std::int64_t limit = 0;  // 0: none
  std::int64_t window_ms = 0;
  std::int64_t reserve = 0;
  bool window_assumed = false;
};
RollingLimit rolling_limit(const Settings& settings, const Learned& learned);

// Every limit of `settings.host_kind`:
//   logs[0] "all": the rolling limit, with each priority's cap: gating may fill the window up to
//     limit - reserve (E); comments and bulk up to E - h, progress up to E - 2h, where
//     h = max(1, E / 10) (never below 1); bulk also at most bulk_share % of E. With
//     window_assumed the log only counts (no cap binds): the host's 429 answers pace the client.
//   github: "write-minute" 80 per 60 s, "write-hour" 500 per 3600 s and "write-spacing" 1 per
//     budget.github.write_spacing_ms, all writes_only.
//   bitbucket-dc: bucket "node" (budget.bucket_size, default 60; budget.bucket_refill_per_s,
//     default 5 per s).
//   gitlab: bucket "notes" of 60 refilled 1 per second, for note creation.
// margin_ms: the shortest log's window / 100, at least 250 ms and at most 30 s.
Limits limits_for(const Settings& settings, const Learned& learned);

}  // namespace cib
