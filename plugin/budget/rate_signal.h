// What one answer of the host says about its rate limits, read from its headers. Each host
// speaks its own dialect:
//   Bitbucket Cloud: X-RateLimit-Limit, X-RateLimit-NearLimit ("true": at least 80 % used;
//     sent to access tokens only), Retry-After on 429.
//   GitHub: x-ratelimit-limit / -remaining / -used / -reset (epoch seconds), Retry-After; a
//     secondary limit answers 403 or 429 whose body mentions "secondary rate limit".
//   GitLab: RateLimit-Limit / -Remaining / -Reset (epoch seconds) / -Observed, Retry-After.
//   Bitbucket DC: X-RateLimit-Limit (bucket size), X-RateLimit-Remaining,
//     X-RateLimit-Interval-Seconds / X-RateLimit-FillRate, Retry-After on 429.
// Headers are matched case-insensitively; a malformed value is ignored, never thrown.
#pragma once

#include <cstdint>
#include <optional>

#include "config/settings.h"
#include "transport/http_types.h"

namespace cib {

struct RateSignal {
  std::optional<std::int64_t> limit;           // requests the host allows per its window
  std::optional<std::int64_t> remaining;       // requests left in the host's window
  std::optional<std::int64_t> used;            // requests used in the host's window
  std::optional<std::int64_t> reset_at_ms;     // wall ms when the host's window resets
  bool near_limit = false;                     // Bitbucket Cloud: at least 80 % used
  bool rate_limited = false;                   // the request was refused for rate (429, GitHub 403)
  bool secondary = false;                      // GitHub's secondary (abuse) limit
  std::optional<std::int64_t> retry_after_ms;  // Retry-After, in ms from now
};

// `now_wall_ms`: the local wall clock, to turn HTTP dates and epoch resets into delays.
RateSignal read_rate_signal(HostKind kind, const HttpResponse& response, std::int64_t now_wall_ms);

}  // namespace cib
