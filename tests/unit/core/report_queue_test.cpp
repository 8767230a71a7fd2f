#include "core/report_queue.h"

#include <boost/test/unit_test.hpp>

namespace cib {
namespace {

std::vector<DeliveryReport> reports_with_tags(std::initializer_list<std::uint64_t> tags) {
  std::vector<DeliveryReport> out;
  for (auto tag : tags) out.push_back({tag, SlotId{}, Outcome::delivered, 201, ""});
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_queue)

BOOST_AUTO_TEST_CASE(reports_are_queued_only_while_a_handler_is_set) {
  ReportQueue queue(10);
  auto reports = reports_with_tags({1, 2});
  queue.push_reports(reports);
  std::vector<std::uint64_t> seen;
  queue.set_delivery_handler([&](const DeliveryReport& r) { seen.push_back(r.tag); });
  BOOST_TEST(queue.poll(Duration(0)) == 0u);
  reports = reports_with_tags({3});
  queue.push_reports(reports);
  BOOST_TEST(queue.poll(Duration(0)) == 1u);
  BOOST_TEST(seen == std::vector<std::uint64_t>{3});
}

BOOST_AUTO_TEST_CASE(queue_is_bounded_and_drops_the_oldest) {
  ReportQueue queue(2);
  std::vector<std::uint64_t> seen;
  queue.set_delivery_handler([&](const DeliveryReport& r) { seen.push_back(r.tag); });
  auto reports = reports_with_tags({1, 2, 3});
  queue.push_reports(reports);
  queue.poll(Duration(0));
  BOOST_TEST(seen == (std::vector<std::uint64_t>{2, 3}));
  BOOST_TEST(queue.dropped() == 1u);
}

BOOST_AUTO_TEST_CASE(handler_thread_is_known_during_the_callback) {
  ReportQueue queue(4);
  bool inside = false;
  queue.set_delivery_handler([&](const DeliveryReport&) { inside = queue.in_handler(); });
  auto reports = reports_with_tags({1});
  queue.push_reports(reports);
  queue.poll(Duration(0));
  BOOST_TEST(inside);
  BOOST_TEST(!queue.in_handler());
}

BOOST_AUTO_TEST_CASE(queued_log_lines_are_served_by_poll) {
  ReportQueue queue(4);
  std::vector<std::string> lines;
  queue.set_log_handler([&](LogLevel, const std::string& l) { lines.push_back(l); }, LogLevel::info,
                        true);
  queue.log(LogLevel::debug, "too detailed");
  queue.log(LogLevel::warning, "retrying");
  BOOST_TEST(lines.empty());
  queue.poll(Duration(0));
  BOOST_TEST(lines == std::vector<std::string>{"retrying"});
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
