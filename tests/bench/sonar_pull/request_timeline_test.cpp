#define BOOST_TEST_MODULE bench_sonar_pull
#include "request_timeline.h"

#include <boost/test/unit_test.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "latency_table.h"

namespace {

using cib::bench::LoggedRequest;
using cib::bench::read_timeline;

LoggedRequest poll(std::int64_t t_ms) {
  return {t_ms, "sonar", "GET", "/api/ce/task?id=task-1", 200};
}
LoggedRequest sonar(std::int64_t t_ms, const std::string& target) {
  return {t_ms, "sonar", "GET", target, 200};
}
LoggedRequest host(std::int64_t t_ms, const std::string& method, int status = 200,
                   const std::string& tail = "") {
  return {t_ms, "host", method, "/2.0/repositories/bench/sonar-pull/commit/c/reports/sonar" + tail,
          status};
}

bool says(const std::runtime_error& e, const std::string& words) {
  return std::string(e.what()).find(words) != std::string::npos;
}

BOOST_AUTO_TEST_CASE(the_latency_runs_from_the_last_task_poll_to_the_host_requests) {
  const std::vector<LoggedRequest> log = {
      poll(100),
      poll(1105),
      poll(2110),
      sonar(2115, "/api/qualitygates/project_status?analysisId=a"),
      sonar(2120, "/api/issues/search?componentKeys=bench&p=1"),
      host(2130, "GET", 404),
      host(2140, "PUT"),
      host(2160, "POST", 200, "/annotations"),
      host(2190, "POST", 200, "/annotations")};
  const auto timeline = read_timeline(log);
  BOOST_TEST(timeline.task_polls == 3u);
  BOOST_TEST(timeline.poll_gaps_ms == (std::vector<std::int64_t>{1005, 1005}));
  BOOST_TEST(timeline.min_poll_gap_ms() == 1005);
  BOOST_TEST(timeline.sonar_requests == 5u);
  BOOST_TEST(timeline.host_requests == 4u);
  BOOST_TEST(timeline.ended_to_report_put_ms == 30);
  BOOST_TEST(timeline.ended_to_last_host_ms == 80);
}

BOOST_AUTO_TEST_CASE(a_log_without_the_task_or_the_report_cannot_be_measured) {
  BOOST_CHECK_EXCEPTION(read_timeline({host(5, "PUT")}), std::runtime_error,
                        [](const auto& e) { return says(e, "no api/ce/task poll"); });
  BOOST_CHECK_EXCEPTION(read_timeline({poll(1), sonar(2, "/api/issues/search"), host(3, "GET", 404),
                                       host(4, "PUT", 200, "/annotations/x")}),
                        std::runtime_error,
                        [](const auto& e) { return says(e, "no PUT of the report"); });
}

BOOST_AUTO_TEST_CASE(a_host_request_before_the_task_ended_or_a_failed_request_is_refused) {
  BOOST_CHECK_EXCEPTION(read_timeline({poll(1), host(2, "PUT"), poll(1003)}), std::runtime_error,
                        [](const auto& e) { return says(e, "before the task ended"); });
  BOOST_CHECK_EXCEPTION(read_timeline({poll(1), host(2, "PUT", 429)}), std::runtime_error,
                        [](const auto& e) { return says(e, "answered HTTP 429"); });
  BOOST_CHECK_EXCEPTION(read_timeline({poll(1), host(2, "DELETE", 404)}), std::runtime_error,
                        [](const auto& e) { return says(e, "answered HTTP 404"); });
  BOOST_CHECK_EXCEPTION(read_timeline({poll(1), host(2, "PUT", 0)}), std::runtime_error,
                        [](const auto& e) { return says(e, "answered nothing (dropped)"); });
}

BOOST_AUTO_TEST_CASE(a_spread_is_the_lower_median_and_the_maximum) {
  BOOST_TEST(cib::bench::spread_of({30, 10, 20}).median == 20);
  BOOST_TEST(cib::bench::spread_of({30, 10, 20}).max == 30);
  BOOST_TEST(cib::bench::spread_of({40, 10, 30, 20}).median == 20);
  BOOST_TEST(cib::bench::spread_of({}).max == 0);
}

}  // namespace
