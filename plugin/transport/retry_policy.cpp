#include "transport/retry_policy.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>

#include "Poco/DateTime.h"
#include "Poco/DateTimeFormat.h"
#include "Poco/DateTimeFormatter.h"
#include "Poco/DateTimeParser.h"
#include "Poco/String.h"

namespace cib {
namespace {

constexpr std::int64_t kMaxRetryAfterSeconds = std::numeric_limits<std::int64_t>::max() / 1000;

// min(cap, base * 2^attempt) without ever computing an overflowing product.
std::int64_t backoff_ceiling_ms(const BackoffPolicy& policy, int attempt) {
  const std::int64_t base = std::max<std::int64_t>(0, policy.base.count());
  const std::int64_t cap = std::max<std::int64_t>(0, policy.cap.count());
  const int shift = std::max(0, attempt);
  if (base == 0) return 0;
  if (shift < 62 && base <= (cap >> shift)) return base << shift;
  return cap;
}

std::optional<std::int64_t> parse_delta_seconds(const std::string& text) {
  if (text.empty() || text.size() > 30) return std::nullopt;
  std::int64_t seconds = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    seconds = std::min(kMaxRetryAfterSeconds, seconds * 10 + (c - '0'));
  }
  return seconds;
}

// The three date forms HTTP allows (RFC 9110 §5.6.7), always in GMT. Poco's parser is lenient,
// so a value only counts when writing the parsed date in the form's exact layout gives back the
// same text.
std::optional<std::int64_t> parse_http_date(const std::string& text) {
  struct Form {
    const std::string& parse_format;
    const char* layout;
  };
  const std::array<Form, 3> forms = {{
      {Poco::DateTimeFormat::HTTP_FORMAT, "%w, %d %b %Y %H:%M:%S GMT"},    // IMF-fixdate
      {Poco::DateTimeFormat::RFC850_FORMAT, "%W, %d-%b-%y %H:%M:%S GMT"},  // RFC 850
      {Poco::DateTimeFormat::ASCTIME_FORMAT, "%w %b %f %H:%M:%S %Y"},      // asctime()
  }};
  for (const Form& form : forms) {
    Poco::DateTime parsed;
    int tzd = 0;
    if (!Poco::DateTimeParser::tryParse(form.parse_format, text, parsed, tzd) || tzd != 0) {
      continue;
    }
    if (Poco::icompare(Poco::DateTimeFormatter::format(parsed, form.layout), text) != 0) continue;
    return parsed.timestamp().epochTime();
  }
  return std::nullopt;
}

}  // namespace

Duration backoff_delay(const BackoffPolicy& policy, int attempt, const UnitRandom& random) {
  const std::int64_t ceiling = backoff_ceiling_ms(policy, attempt);
  double r = random ? random() : 0.0;
  if (!(r >= 0.0)) r = 0.0;  // also catches NaN
  if (r >= 1.0) r = std::nextafter(1.0, 0.0);
  // floor(r * (ceiling + 1)) makes both ends of [0, ceiling] reachable.
  const double scaled = r * (static_cast<double>(ceiling) + 1.0);
  const auto delay = static_cast<std::int64_t>(std::min(scaled, static_cast<double>(ceiling)));
  return Duration(std::clamp<std::int64_t>(delay, 0, ceiling));
}

std::optional<Duration> parse_retry_after(const std::string& value, std::int64_t now_wall_s) {
  const std::string text = Poco::trim(value);
  if (text.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(text.front()))) {
    const auto seconds = parse_delta_seconds(text);
    if (!seconds) return std::nullopt;
    return Duration(*seconds * 1000);
  }
  const auto when = parse_http_date(text);
  if (!when) return std::nullopt;
  const std::int64_t wait_s =
      std::clamp<std::int64_t>(*when - now_wall_s, 0, kMaxRetryAfterSeconds);
  return Duration(wait_s * 1000);
}

Verdict classify(int http_status) {
  if (http_status >= 200 && http_status < 300) return Verdict::success;
  // A conditional GET's "not modified" confirms what we hold: nothing failed.
  if (http_status == 304) return Verdict::success;
  if (http_status == 429) return Verdict::rate_limited;
  if (http_status == 401) return Verdict::unauthorized;
  if (http_status == 404 || http_status == 410) return Verdict::not_found;
  // 408: the server gave up waiting for our request; sending it again is what it asks for.
  if (http_status == 408 || (http_status >= 500 && http_status < 600)) return Verdict::retry;
  return Verdict::rejected;
}

}  // namespace cib
