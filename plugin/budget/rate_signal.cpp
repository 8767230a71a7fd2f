#include "budget/rate_signal.h"

#include <cctype>
#include <charconv>
#include <limits>
#include <string>

#include "Poco/String.h"
#include "transport/retry_policy.h"

namespace cib {
namespace {

constexpr int kTooManyRequests = 429;
constexpr int kForbidden = 403;  // GitHub's answer for an exhausted primary or secondary limit
constexpr std::int64_t kMsPerSecond = 1000;
constexpr std::int64_t kMaxEpochSeconds = std::numeric_limits<std::int64_t>::max() / kMsPerSecond;

// A header holding a non-negative decimal count; nullopt when absent or malformed.
std::optional<std::int64_t> count_header(const HttpResponse& response, const char* name) {
  const std::string text = Poco::trim(response.header(name));
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text.front()))) return std::nullopt;
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end) return std::nullopt;
  return value;
}

// A header holding epoch seconds, as wall ms.
std::optional<std::int64_t> epoch_header_ms(const HttpResponse& response, const char* name) {
  const auto seconds = count_header(response, name);
  if (!seconds || *seconds > kMaxEpochSeconds) return std::nullopt;
  return *seconds * kMsPerSecond;
}

bool mentions(const std::string& body, const char* phrase) {
  return Poco::toLower(body).find(phrase) != std::string::npos;
}

void read_bitbucket_cloud(const HttpResponse& response, RateSignal& signal) {
  signal.limit = count_header(response, "X-RateLimit-Limit");
  signal.near_limit =
      Poco::icompare(Poco::trim(response.header("X-RateLimit-NearLimit")), "true") == 0;
}

void read_github(const HttpResponse& response, RateSignal& signal) {
  signal.limit = count_header(response, "x-ratelimit-limit");
  signal.remaining = count_header(response, "x-ratelimit-remaining");
  signal.used = count_header(response, "x-ratelimit-used");
  signal.reset_at_ms = epoch_header_ms(response, "x-ratelimit-reset");
  const bool refused = response.status == kForbidden || response.status == kTooManyRequests;
  if (!refused) return;
  // A 403 is also how GitHub refuses a request for lack of permission: only a spent primary
  // limit or a body about rate limits makes it a rate answer.
  if (signal.remaining == 0 || mentions(response.body, "rate limit")) signal.rate_limited = true;
  if (mentions(response.body, "secondary rate limit")) signal.secondary = true;
}

void read_gitlab(const HttpResponse& response, RateSignal& signal) {
  signal.limit = count_header(response, "RateLimit-Limit");
  signal.remaining = count_header(response, "RateLimit-Remaining");
  signal.used = count_header(response, "RateLimit-Observed");
  signal.reset_at_ms = epoch_header_ms(response, "RateLimit-Reset");
}

void read_bitbucket_dc(const HttpResponse& response, RateSignal& signal) {
  // The node's bucket size and tokens left; its fill rate has no field here and only matters
  // through budget.bucket_refill_per_s.
  signal.limit = count_header(response, "X-RateLimit-Limit");
  signal.remaining = count_header(response, "X-RateLimit-Remaining");
}

}  // namespace

RateSignal read_rate_signal(HostKind kind, const HttpResponse& response, std::int64_t now_wall_ms) {
  RateSignal signal;
  switch (kind) {
    case HostKind::bitbucket_cloud:
      read_bitbucket_cloud(response, signal);
      break;
    case HostKind::github:
      read_github(response, signal);
      break;
    case HostKind::gitlab:
      read_gitlab(response, signal);
      break;
    case HostKind::bitbucket_dc:
      read_bitbucket_dc(response, signal);
      break;
  }
  if (response.status == kTooManyRequests) signal.rate_limited = true;
  // Whole seconds, rounded down: an HTTP date then never yields a wait shorter than the host's.
  const std::int64_t now_wall_s = now_wall_ms / kMsPerSecond;
  if (const auto wait = parse_retry_after(response.header("Retry-After"), now_wall_s)) {
    signal.retry_after_ms = wait->count();
  }
  return signal;
}

}  // namespace cib
