// When to try a request again and how long to wait: exponential backoff with full jitter, capped,
// and the host's Retry-After. Pure functions; randomness is injected.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "runtime/clock.h"
#include "transport/http_types.h"

namespace cib {

// A uniform random number in [0, 1).
using UnitRandom = std::function<double()>;

struct BackoffPolicy {
  Duration base{500};
  Duration cap{60000};
};

// Full jitter: uniform in [0, min(cap, base * 2^attempt)]. attempt counts from 0.
Duration backoff_delay(const BackoffPolicy& policy, int attempt, const UnitRandom& random);

// Parses Retry-After: delta-seconds or an HTTP date (relative to now_wall_s). nullopt when absent
// or malformed; never negative.
std::optional<Duration> parse_retry_after(const std::string& value, std::int64_t now_wall_s);

enum class Verdict {
  success,       // 2xx
  retry,         // 5xx, or a connection failure: try again after a backoff
  rate_limited,  // 429: pause the identity for Retry-After or a backoff
  unauthorized,  // 401
  not_found,     // 404/410 (a remembered remote object is gone)
  rejected,      // other 4xx: do not retry
};

Verdict classify(int http_status);

}  // namespace cib
