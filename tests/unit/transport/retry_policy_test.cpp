#include "transport/retry_policy.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>

namespace cib {
namespace {

constexpr std::int64_t kNow = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT

UnitRandom fixed(double value) {
  return [value] { return value; };
}

const double kAlmostOne = std::nextafter(1.0, 0.0);

BOOST_AUTO_TEST_SUITE(backoff)

BOOST_AUTO_TEST_CASE(lowest_random_gives_no_delay) {
  const BackoffPolicy policy{Duration(500), Duration(60000)};
  for (int attempt = 0; attempt < 10; ++attempt) {
    BOOST_TEST(backoff_delay(policy, attempt, fixed(0.0)).count() == 0);
  }
}

BOOST_AUTO_TEST_CASE(highest_random_reaches_base_times_two_to_the_attempt) {
  const BackoffPolicy policy{Duration(500), Duration(60000)};
  BOOST_TEST(backoff_delay(policy, 0, fixed(kAlmostOne)).count() == 500);
  BOOST_TEST(backoff_delay(policy, 1, fixed(kAlmostOne)).count() == 1000);
  BOOST_TEST(backoff_delay(policy, 2, fixed(kAlmostOne)).count() == 2000);
  BOOST_TEST(backoff_delay(policy, 6, fixed(kAlmostOne)).count() == 32000);
}

BOOST_AUTO_TEST_CASE(delay_never_exceeds_the_cap) {
  const BackoffPolicy policy{Duration(500), Duration(60000)};
  BOOST_TEST(backoff_delay(policy, 7, fixed(kAlmostOne)).count() == 60000);
  BOOST_TEST(backoff_delay(policy, 20, fixed(0.999999)).count() == 60000);
}

BOOST_AUTO_TEST_CASE(huge_attempts_do_not_overflow) {
  const BackoffPolicy policy{Duration(500), Duration(60000)};
  for (int attempt : {62, 63, 64, 100, 1000, std::numeric_limits<int>::max()}) {
    BOOST_TEST(backoff_delay(policy, attempt, fixed(kAlmostOne)).count() == 60000);
    BOOST_TEST(backoff_delay(policy, attempt, fixed(0.5)).count() == 30000);
  }
}

BOOST_AUTO_TEST_CASE(delay_is_spread_over_the_whole_range) {
  const BackoffPolicy policy{Duration(1000), Duration(60000)};
  BOOST_TEST(backoff_delay(policy, 3, fixed(0.25)).count() == 2000);
  BOOST_TEST(backoff_delay(policy, 3, fixed(0.5)).count() == 4000);
}

BOOST_AUTO_TEST_CASE(out_of_range_random_is_clamped) {
  const BackoffPolicy policy{Duration(500), Duration(60000)};
  BOOST_TEST(backoff_delay(policy, 0, fixed(-3.0)).count() == 0);
  BOOST_TEST(backoff_delay(policy, 0, fixed(7.0)).count() == 500);
  BOOST_TEST(backoff_delay(policy, 0, fixed(std::nan(""))).count() == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(retry_after)

BOOST_AUTO_TEST_CASE(delta_seconds_become_milliseconds) {
  BOOST_TEST(parse_retry_after("120", kNow).value().count() == 120000);
  BOOST_TEST(parse_retry_after(" 0 ", kNow).value().count() == 0);
}

BOOST_AUTO_TEST_CASE(imf_fixdate_is_relative_to_now) {
  BOOST_TEST(parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", kNow).value().count() == 30000);
}

BOOST_AUTO_TEST_CASE(obsolete_date_forms_are_accepted) {
  BOOST_TEST(parse_retry_after("Sunday, 06-Nov-94 08:50:37 GMT", kNow).value().count() == 60000);
  BOOST_TEST(parse_retry_after("Sun Nov  6 08:49:47 1994", kNow).value().count() == 10000);
}

BOOST_AUTO_TEST_CASE(date_in_the_past_means_no_wait) {
  BOOST_TEST(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", kNow).value().count() == 0);
}

BOOST_AUTO_TEST_CASE(garbage_is_rejected) {
  for (const char* value : {"", "  ", "soon", "-5", "1.5", "12abc", "Sun, 06 Nov 1994",
                            "Funday, 99 Foo 1994 08:49:37 GMT", "0x10"}) {
    BOOST_TEST_CONTEXT("value " << value) {
      BOOST_TEST(!parse_retry_after(value, kNow));
    }
  }
}

BOOST_AUTO_TEST_CASE(enormous_delta_does_not_overflow) {
  const auto wait = parse_retry_after("99999999999999999999999999", kNow);
  BOOST_REQUIRE(wait);
  BOOST_TEST(wait->count() > 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(classification)

BOOST_AUTO_TEST_CASE(statuses_map_to_verdicts) {
  BOOST_TEST((classify(200) == Verdict::success));
  BOOST_TEST((classify(201) == Verdict::success));
  BOOST_TEST((classify(204) == Verdict::success));
  BOOST_TEST((classify(304) == Verdict::success));
  BOOST_TEST((classify(429) == Verdict::rate_limited));
  BOOST_TEST((classify(401) == Verdict::unauthorized));
  BOOST_TEST((classify(404) == Verdict::not_found));
  BOOST_TEST((classify(410) == Verdict::not_found));
  BOOST_TEST((classify(500) == Verdict::retry));
  BOOST_TEST((classify(502) == Verdict::retry));
  BOOST_TEST((classify(503) == Verdict::retry));
  BOOST_TEST((classify(408) == Verdict::retry));
  BOOST_TEST((classify(400) == Verdict::rejected));
  BOOST_TEST((classify(403) == Verdict::rejected));
  BOOST_TEST((classify(409) == Verdict::rejected));
  BOOST_TEST((classify(422) == Verdict::rejected));
  BOOST_TEST((classify(302) == Verdict::rejected));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
