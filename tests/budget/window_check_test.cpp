// The window counter and the log reader on crafted logs: the checks of the process tests must
// be able to fail.
#include "window_check.h"

#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>

namespace cib::test {
namespace {

constexpr long long kWindowMs = 20000;

std::vector<long long> evenly(std::size_t n, long long first_ms, long long step_ms) {
  std::vector<long long> times;
  for (std::size_t i = 0; i < n; ++i)
    times.push_back(first_ms + static_cast<long long>(i) * step_ms);
  return times;
}

Poco::JSON::Object::Ptr entry(const std::string& json) {
  Poco::JSON::Parser parser;
  return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(window_check)

BOOST_AUTO_TEST_CASE(thirty_seven_requests_within_twenty_seconds_are_reported) {
  const WindowPeak peak = busiest_window(evenly(37, 1000, 500), kWindowMs);  // 18 s apart at most
  BOOST_TEST(peak.count == 37u);
  BOOST_TEST(peak.start_ms == 1000);
}

BOOST_AUTO_TEST_CASE(thirty_six_per_window_spread_over_three_windows_stay_at_thirty_six) {
  std::vector<long long> times = evenly(36, 0, 100);  // a burst at the start
  const auto second = evenly(36, 20000, 100);         // each aged out just in time
  const auto third = evenly(10, 40000, 100);
  times.insert(times.end(), second.begin(), second.end());
  times.insert(times.end(), third.begin(), third.end());
  BOOST_TEST(busiest_window(times, kWindowMs).count == 36u);
}

BOOST_AUTO_TEST_CASE(a_request_exactly_one_window_later_is_in_the_next_window) {
  // The host's sliding log drops a request once it is window_ms old.
  BOOST_TEST(busiest_window({0, 20000}, kWindowMs).count == 1u);
  BOOST_TEST(busiest_window({0, 19999}, kWindowMs).count == 2u);
}

BOOST_AUTO_TEST_CASE(the_busiest_window_is_found_anywhere_in_an_unsorted_log) {
  std::vector<long long> times = evenly(20, 0, 1500);  // 20 requests over 30 s: at most 14 per 20 s
  const auto burst = evenly(30, 50000, 10);
  times.insert(times.begin(), burst.rbegin(), burst.rend());
  const WindowPeak peak = busiest_window(times, kWindowMs);
  BOOST_TEST(peak.count == 30u);
  BOOST_TEST(peak.start_ms == 50000);
  BOOST_TEST(busiest_window({}, kWindowMs).count == 0u);
}

BOOST_AUTO_TEST_CASE(the_log_is_read_in_arrival_order_with_identities_and_statuses) {
  const std::vector<Poco::JSON::Object::Ptr> entries = {
      entry(R"({"seq":2,"t_ms":30,"method":"POST","target":"/2.0/a/annotations","token":"bbb",)"
            R"("status":429,"valid":true,"fault":"","body":[{"x":1},{"x":2}]})"),
      entry(R"({"seq":1,"t_ms":10,"method":"PUT","target":"/2.0/a","token":"aaa","status":200,)"
            R"("valid":true,"fault":"","body":{"key":"k"}})"),
      entry(R"({"seq":3,"t_ms":40,"method":"POST","target":"/2.0/b","token":"aaa","status":null,)"
            R"("valid":true,"fault":"drop-before","body":null})")};
  const std::vector<LoggedRequest> log = logged_requests(entries);
  BOOST_REQUIRE_EQUAL(log.size(), 3u);
  BOOST_TEST(log[0].seq == 1);
  BOOST_TEST(log[0].body->getValue<std::string>("key") == "k");
  BOOST_TEST(log[1].body_items == 2u);
  BOOST_TEST(log[2].status == 0);
  BOOST_TEST(count_status(log, 429) == 1u);
  BOOST_TEST(count_status(log, 200) == 1u);
  BOOST_TEST(busiest_window(log, "aaa", kWindowMs).count == 2u);
  BOOST_TEST(busiest_window(log, "", kWindowMs).count == 3u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
