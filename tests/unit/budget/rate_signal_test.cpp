#include "budget/rate_signal.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace cib {
namespace {

// Tue, 14 Nov 2023 22:13:20.500 GMT: half a second past a whole second, so an HTTP date (whole
// seconds) is compared with a clock that is not.
constexpr std::int64_t kNowMs = 1'700'000'000'500;
constexpr const char* kThirtySecondsLater = "Tue, 14 Nov 2023 22:13:50 GMT";

HttpResponse answer(int status, Headers headers, std::string body = "") {
  HttpResponse response;
  response.status = status;
  response.headers = std::move(headers);
  response.body = std::move(body);
  return response;
}

RateSignal read(HostKind kind, const HttpResponse& response) {
  return read_rate_signal(kind, response, kNowMs);
}

BOOST_AUTO_TEST_SUITE(rate_signal_bitbucket_cloud)

BOOST_AUTO_TEST_CASE(limit_header_gives_the_limit) {
  const RateSignal signal =
      read(HostKind::bitbucket_cloud, answer(200, {{"X-RateLimit-Limit", "1000"}}));
  BOOST_TEST(signal.limit.value_or(-1) == 1000);
  BOOST_TEST(!signal.remaining.has_value());
  BOOST_TEST(!signal.near_limit);
  BOOST_TEST(!signal.rate_limited);
}

BOOST_AUTO_TEST_CASE(near_limit_true_in_any_case_means_near_the_limit) {
  for (const char* value : {"true", "TRUE", " True "}) {
    BOOST_TEST_CONTEXT(value) {
      BOOST_TEST(read(HostKind::bitbucket_cloud, answer(200, {{"X-RateLimit-NearLimit", value}}))
                     .near_limit);
    }
  }
  for (const char* value : {"false", "", "yes", "1"}) {
    BOOST_TEST_CONTEXT(value) {
      BOOST_TEST(!read(HostKind::bitbucket_cloud, answer(200, {{"X-RateLimit-NearLimit", value}}))
                      .near_limit);
    }
  }
}

BOOST_AUTO_TEST_CASE(header_names_match_in_any_case) {
  const RateSignal signal =
      read(HostKind::bitbucket_cloud,
           answer(200, {{"x-ratelimit-limit", "900"}, {"X-RATELIMIT-NEARLIMIT", "true"}}));
  BOOST_TEST(signal.limit.value_or(-1) == 900);
  BOOST_TEST(signal.near_limit);
}

BOOST_AUTO_TEST_CASE(too_many_requests_with_retry_after_seconds) {
  const RateSignal signal = read(HostKind::bitbucket_cloud, answer(429, {{"Retry-After", "30"}}));
  BOOST_TEST(signal.rate_limited);
  BOOST_TEST(signal.retry_after_ms.value_or(-1) == 30'000);
}

BOOST_AUTO_TEST_CASE(too_many_requests_with_retry_after_as_an_http_date) {
  const RateSignal signal =
      read(HostKind::bitbucket_cloud, answer(429, {{"retry-after", kThirtySecondsLater}}));
  BOOST_TEST(signal.rate_limited);
  // Counted from the clock's whole second, so never shorter than the host meant.
  BOOST_TEST(signal.retry_after_ms.value_or(-1) == 30'000);
}

BOOST_AUTO_TEST_CASE(too_many_requests_without_retry_after_has_no_advised_wait) {
  const RateSignal signal = read(HostKind::bitbucket_cloud, answer(429, {}));
  BOOST_TEST(signal.rate_limited);
  BOOST_TEST(!signal.retry_after_ms.has_value());
}

BOOST_AUTO_TEST_CASE(malformed_values_are_ignored) {
  const RateSignal signal =
      read(HostKind::bitbucket_cloud,
           answer(429, {{"X-RateLimit-Limit", "lots"}, {"Retry-After", "soon"}}));
  BOOST_TEST(signal.rate_limited);
  BOOST_TEST(!signal.limit.has_value());
  BOOST_TEST(!signal.retry_after_ms.has_value());
}

BOOST_AUTO_TEST_CASE(headers_of_other_hosts_are_not_read) {
  const RateSignal signal =
      read(HostKind::bitbucket_cloud,
           answer(200, {{"X-RateLimit-Remaining", "5"}, {"RateLimit-Limit", "2000"}}));
  BOOST_TEST(!signal.remaining.has_value());
  BOOST_TEST(!signal.limit.has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rate_signal_github)

BOOST_AUTO_TEST_CASE(limit_remaining_used_and_reset_are_read) {
  const RateSignal signal =
      read(HostKind::github, answer(201, {{"x-ratelimit-limit", "5000"},
                                          {"x-ratelimit-remaining", "4990"},
                                          {"x-ratelimit-used", "10"},
                                          {"x-ratelimit-reset", "1700003600"}}));
  BOOST_TEST(signal.limit.value_or(-1) == 5000);
  BOOST_TEST(signal.remaining.value_or(-1) == 4990);
  BOOST_TEST(signal.used.value_or(-1) == 10);
  BOOST_TEST(signal.reset_at_ms.value_or(-1) == 1'700'003'600'000);
  BOOST_TEST(!signal.rate_limited);
  BOOST_TEST(!signal.secondary);
}

BOOST_AUTO_TEST_CASE(header_names_match_in_any_case) {
  const RateSignal signal = read(HostKind::github, answer(200, {{"X-RateLimit-Limit", "5000"},
                                                                {"X-RATELIMIT-REMAINING", "7"},
                                                                {"X-Ratelimit-Used", "4993"},
                                                                {"X-RateLimit-Reset", "60"}}));
  BOOST_TEST(signal.limit.value_or(-1) == 5000);
  BOOST_TEST(signal.remaining.value_or(-1) == 7);
  BOOST_TEST(signal.used.value_or(-1) == 4993);
  BOOST_TEST(signal.reset_at_ms.value_or(-1) == 60'000);
}

BOOST_AUTO_TEST_CASE(forbidden_with_nothing_remaining_is_the_primary_limit) {
  const RateSignal signal =
      read(HostKind::github,
           answer(403, {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "1700000600"}}));
  BOOST_TEST(signal.rate_limited);
  BOOST_TEST(!signal.secondary);
  BOOST_TEST(signal.reset_at_ms.value_or(-1) == 1'700'000'600'000);
}

BOOST_AUTO_TEST_CASE(forbidden_whose_body_mentions_the_rate_limit_is_the_primary_limit) {
  const RateSignal signal = read(
      HostKind::github, answer(403, {}, R"({"message":"API Rate Limit exceeded for user ID 1."})"));
  BOOST_TEST(signal.rate_limited);
  BOOST_TEST(!signal.secondary);
}

BOOST_AUTO_TEST_CASE(primary_limit_whose_link_names_secondary_limits_is_not_secondary) {
  const RateSignal signal =
      read(HostKind::github,
           answer(403, {{"x-ratelimit-remaining", "0"}},
                  R"({"message":"API rate limit exceeded","documentation_url":)"
                  R"("https://docs.github.com/rest/rate-limits#about-secondary-rate-limits"})"));
  BOOST_TEST(signal.rate_limited);
  BOOST_TEST(!signal.secondary);
}

BOOST_AUTO_TEST_CASE(forbidden_for_a_secondary_limit_is_secondary_with_its_retry_after) {
  const RateSignal signal =
      read(HostKind::github,
           answer(403, {{"x-ratelimit-remaining", "4000"}, {"Retry-After", "60"}},
                  R"({"message":"You have exceeded a secondary rate limit. Please wait."})"));
  BOOST_TEST(signal.rate_limited);
  BOOST_TEST(signal.secondary);
  BOOST_TEST(signal.retry_after_ms.value_or(-1) == 60'000);
}

BOOST_AUTO_TEST_CASE(too_many_requests_for_a_secondary_limit_is_secondary) {
  const RateSignal signal =
      read(HostKind::github, answer(429, {}, "You have exceeded a Secondary Rate Limit"));
  BOOST_TEST(signal.rate_limited);
  BOOST_TEST(signal.secondary);
  BOOST_TEST(!signal.retry_after_ms.has_value());
}

BOOST_AUTO_TEST_CASE(forbidden_for_lack_of_permission_is_not_a_rate_answer) {
  const RateSignal signal =
      read(HostKind::github, answer(403, {{"x-ratelimit-remaining", "4999"}},
                                    R"({"message":"Resource not accessible by integration"})"));
  BOOST_TEST(!signal.rate_limited);
  BOOST_TEST(!signal.secondary);
}

BOOST_AUTO_TEST_CASE(success_whose_body_mentions_a_rate_limit_is_not_a_rate_answer) {
  const RateSignal signal =
      read(HostKind::github, answer(201, {}, R"({"body":"we hit the secondary rate limit"})"));
  BOOST_TEST(!signal.rate_limited);
  BOOST_TEST(!signal.secondary);
}

BOOST_AUTO_TEST_CASE(retry_after_as_an_http_date) {
  const RateSignal signal =
      read(HostKind::github,
           answer(403, {{"Retry-After", kThirtySecondsLater}}, "secondary rate limit"));
  BOOST_TEST(signal.retry_after_ms.value_or(-1) == 30'000);
}

BOOST_AUTO_TEST_CASE(malformed_values_are_ignored) {
  const RateSignal signal =
      read(HostKind::github, answer(403,
                                    {{"x-ratelimit-limit", "-5000"},
                                     {"x-ratelimit-remaining", "0x10"},
                                     {"x-ratelimit-used", "12 requests"},
                                     {"x-ratelimit-reset", "99999999999999999999"},
                                     {"Retry-After", "-1"}},
                                    "forbidden"));
  BOOST_TEST(!signal.limit.has_value());
  BOOST_TEST(!signal.remaining.has_value());
  BOOST_TEST(!signal.used.has_value());
  BOOST_TEST(!signal.reset_at_ms.has_value());
  BOOST_TEST(!signal.retry_after_ms.has_value());
  BOOST_TEST(!signal.rate_limited);
}

BOOST_AUTO_TEST_CASE(reset_too_large_for_milliseconds_is_ignored) {
  const RateSignal signal =
      read(HostKind::github, answer(200, {{"x-ratelimit-reset", "9223372036854775807"}}));
  BOOST_TEST(!signal.reset_at_ms.has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rate_signal_gitlab)

BOOST_AUTO_TEST_CASE(ratelimit_headers_give_limit_remaining_used_and_reset) {
  const RateSignal signal =
      read(HostKind::gitlab, answer(200, {{"RateLimit-Limit", "2000"},
                                          {"RateLimit-Remaining", "1990"},
                                          {"RateLimit-Observed", "10"},
                                          {"RateLimit-Reset", "1700000060"}}));
  BOOST_TEST(signal.limit.value_or(-1) == 2000);
  BOOST_TEST(signal.remaining.value_or(-1) == 1990);
  BOOST_TEST(signal.used.value_or(-1) == 10);
  BOOST_TEST(signal.reset_at_ms.value_or(-1) == 1'700'000'060'000);
  BOOST_TEST(!signal.rate_limited);
}

BOOST_AUTO_TEST_CASE(header_names_match_in_any_case) {
  const RateSignal signal = read(
      HostKind::gitlab, answer(200, {{"ratelimit-limit", "600"}, {"RATELIMIT-REMAINING", "3"}}));
  BOOST_TEST(signal.limit.value_or(-1) == 600);
  BOOST_TEST(signal.remaining.value_or(-1) == 3);
}

BOOST_AUTO_TEST_CASE(too_many_requests_with_retry_after_seconds) {
  const RateSignal signal = read(HostKind::gitlab, answer(429, {{"Retry-After", " 45 "}}));
  BOOST_TEST(signal.rate_limited);
  BOOST_TEST(signal.retry_after_ms.value_or(-1) == 45'000);
}

BOOST_AUTO_TEST_CASE(too_many_requests_with_retry_after_as_an_http_date) {
  const RateSignal signal =
      read(HostKind::gitlab, answer(429, {{"Retry-After", kThirtySecondsLater}}));
  BOOST_TEST(signal.retry_after_ms.value_or(-1) == 30'000);
}

BOOST_AUTO_TEST_CASE(too_many_requests_without_retry_after_has_no_advised_wait) {
  const RateSignal signal = read(HostKind::gitlab, answer(429, {{"RateLimit-Remaining", "0"}}));
  BOOST_TEST(signal.rate_limited);
  BOOST_TEST(signal.remaining.value_or(-1) == 0);
  BOOST_TEST(!signal.retry_after_ms.has_value());
}

BOOST_AUTO_TEST_CASE(forbidden_is_not_a_rate_answer) {
  BOOST_TEST(!read(HostKind::gitlab, answer(403, {}, "rate limit")).rate_limited);
}

BOOST_AUTO_TEST_CASE(malformed_values_are_ignored) {
  const RateSignal signal = read(HostKind::gitlab, answer(200, {{"RateLimit-Limit", "2,000"},
                                                                {"RateLimit-Remaining", ""},
                                                                {"RateLimit-Observed", "1.5"},
                                                                {"RateLimit-Reset", "tomorrow"}}));
  BOOST_TEST(!signal.limit.has_value());
  BOOST_TEST(!signal.remaining.has_value());
  BOOST_TEST(!signal.used.has_value());
  BOOST_TEST(!signal.reset_at_ms.has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rate_signal_bitbucket_dc)

BOOST_AUTO_TEST_CASE(bucket_size_and_tokens_left_are_read) {
  const RateSignal signal =
      read(HostKind::bitbucket_dc, answer(200, {{"X-RateLimit-Limit", "60"},
                                                {"X-RateLimit-Remaining", "12"},
                                                {"X-RateLimit-Interval-Seconds", "1"},
                                                {"X-RateLimit-FillRate", "5"}}));
  BOOST_TEST(signal.limit.value_or(-1) == 60);
  BOOST_TEST(signal.remaining.value_or(-1) == 12);
  BOOST_TEST(!signal.reset_at_ms.has_value());
  BOOST_TEST(!signal.rate_limited);
}

BOOST_AUTO_TEST_CASE(header_names_match_in_any_case) {
  const RateSignal signal =
      read(HostKind::bitbucket_dc, answer(200, {{"x-ratelimit-remaining", "0"}}));
  BOOST_TEST(signal.remaining.value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(too_many_requests_with_retry_after_seconds) {
  const RateSignal signal = read(HostKind::bitbucket_dc, answer(429, {{"Retry-After", "1"}}));
  BOOST_TEST(signal.rate_limited);
  BOOST_TEST(signal.retry_after_ms.value_or(-1) == 1000);
}

BOOST_AUTO_TEST_CASE(too_many_requests_with_retry_after_as_an_http_date) {
  const RateSignal signal =
      read(HostKind::bitbucket_dc, answer(429, {{"Retry-After", kThirtySecondsLater}}));
  BOOST_TEST(signal.retry_after_ms.value_or(-1) == 30'000);
}

BOOST_AUTO_TEST_CASE(too_many_requests_without_retry_after_has_no_advised_wait) {
  const RateSignal signal = read(HostKind::bitbucket_dc, answer(429, {}));
  BOOST_TEST(signal.rate_limited);
  BOOST_TEST(!signal.retry_after_ms.has_value());
}

BOOST_AUTO_TEST_CASE(malformed_values_are_ignored) {
  const RateSignal signal =
      read(HostKind::bitbucket_dc,
           answer(200, {{"X-RateLimit-Limit", "sixty"}, {"X-RateLimit-Remaining", "+3"}}));
  BOOST_TEST(!signal.limit.has_value());
  BOOST_TEST(!signal.remaining.has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
