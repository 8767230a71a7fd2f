#include "runtime/clock.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdint>

namespace cib {
namespace {

std::int64_t ns(Duration d) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(clocks)

BOOST_AUTO_TEST_CASE(manual_clock_stands_still_until_advanced) {
  ManualClock clock;
  const TimePoint start = clock.now();
  const std::int64_t wall_start = clock.wall_ns();
  for (int i = 0; i < 1000; ++i) {
    BOOST_REQUIRE(clock.now() == start);
    BOOST_REQUIRE(clock.wall_ns() == wall_start);
  }
}

BOOST_AUTO_TEST_CASE(manual_clock_advances_by_exactly_the_given_duration) {
  ManualClock clock;
  const TimePoint start = clock.now();
  clock.advance(Duration(250));
  BOOST_TEST((clock.now() - start == Duration(250)));
  clock.advance(Duration(0));
  BOOST_TEST((clock.now() - start == Duration(250)));
  clock.advance(Duration(1750));
  BOOST_TEST((clock.now() - start == Duration(2000)));
}

BOOST_AUTO_TEST_CASE(wall_time_moves_with_the_manual_clock) {
  ManualClock clock;
  const std::int64_t wall_start = clock.wall_ns();
  clock.advance(Duration(1500));
  BOOST_TEST(clock.wall_ns() - wall_start == ns(Duration(1500)));
  clock.advance(Duration(1));
  BOOST_TEST(clock.wall_ns() - wall_start == ns(Duration(1501)));
}

BOOST_AUTO_TEST_CASE(manual_wall_time_starts_at_a_plausible_date) {
  // Order keys and dedup records compare wall times with stored ones; a clock starting at the
  // epoch would look older than anything a real run wrote. 1'600'000'000 s is September 2020.
  const ManualClock clock;
  BOOST_TEST(clock.wall_ns() > std::int64_t{1'600'000'000} * 1'000'000'000);
}

BOOST_AUTO_TEST_CASE(manual_clocks_are_independent) {
  ManualClock a;
  ManualClock b;
  a.advance(Duration(10));
  BOOST_TEST((a.now() - b.now() == Duration(10)));
  BOOST_TEST(a.wall_ns() - b.wall_ns() == ns(Duration(10)));
}

BOOST_AUTO_TEST_CASE(system_clock_wall_time_is_close_to_the_system_time) {
  const SystemClock clock;
  const std::int64_t before = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
  const std::int64_t wall = clock.wall_ns();
  const std::int64_t after = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
  BOOST_TEST(wall >= before);
  BOOST_TEST(wall <= after);
}

BOOST_AUTO_TEST_CASE(system_clock_never_goes_back) {
  const SystemClock clock;
  const TimePoint first = clock.now();
  const TimePoint second = clock.now();
  BOOST_TEST((second >= first));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
