#include "core/report_queue.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace cib {
namespace {

std::vector<DeliveryReport> reports_with_tags(std::initializer_list<std::uint64_t> tags) {
  std::vector<DeliveryReport> out;
  for (auto tag : tags) out.push_back({tag, SlotId{}, Outcome::delivered, 201, ""});
  return out;
}

// A delivery handler whose first call waits, for at most a window, for the clear of another
// thread: a clear that waits for the call keeps `cleared` false for the whole window.
struct BlockingHandler {
  std::mutex mutex;
  std::condition_variable changed;
  bool entered = false;
  bool cleared = false;
  bool cleared_while_running = false;

  void operator()() {
    std::unique_lock<std::mutex> lock(mutex);
    entered = true;
    changed.notify_all();
    changed.wait_for(lock, std::chrono::milliseconds(300), [&] { return cleared; });
    cleared_while_running = cleared;
  }
  void wait_entered() {
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [&] { return entered; });
  }
  void mark_cleared() {
    std::lock_guard<std::mutex> lock(mutex);
    cleared = true;
    changed.notify_all();
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(report_queue)

BOOST_AUTO_TEST_CASE(clearing_the_delivery_handler_waits_for_the_call_in_progress) {
  ReportQueue queue(4);
  BlockingHandler handler;
  queue.set_delivery_handler([&](const DeliveryReport&) { handler(); });
  auto reports = reports_with_tags({1});
  queue.push_reports(reports);
  std::thread poller([&] { queue.poll(Duration(0)); });
  handler.wait_entered();
  queue.set_delivery_handler(nullptr);
  handler.mark_cleared();
  poller.join();
  BOOST_TEST(!handler.cleared_while_running, "the clear returned while the handler still ran");
}

BOOST_AUTO_TEST_CASE(replacing_the_log_handler_waits_for_a_direct_call_in_progress) {
  ReportQueue queue(4);
  BlockingHandler handler;
  queue.set_log_handler([&](LogLevel, const std::string&) { handler(); }, LogLevel::info, false);
  std::thread dispatcher([&] { queue.log(LogLevel::warning, "retrying"); });
  handler.wait_entered();
  std::vector<std::string> lines;
  queue.set_log_handler([&](LogLevel, const std::string& l) { lines.push_back(l); }, LogLevel::info,
                        false);
  handler.mark_cleared();
  dispatcher.join();
  BOOST_TEST(!handler.cleared_while_running, "the setter returned while the old handler ran");
  queue.log(LogLevel::warning, "new");
  BOOST_TEST(lines == std::vector<std::string>{"new"});
}

BOOST_AUTO_TEST_CASE(a_handler_that_clears_itself_returns_and_is_not_called_again) {
  ReportQueue queue(4);
  int calls = 0;
  queue.set_delivery_handler([&](const DeliveryReport&) {
    ++calls;
    queue.set_delivery_handler(nullptr);
  });
  auto reports = reports_with_tags({1, 2, 3});
  queue.push_reports(reports);
  BOOST_TEST(queue.poll(Duration(0)) == 1u);
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(two_handlers_that_clear_each_other_both_return) {
  ReportQueue queue(4);
  std::mutex mutex;
  std::condition_variable changed;
  int inside = 0;
  // Each handler waits until both run, then clears the other's kind.
  const auto both_inside = [&] {
    std::unique_lock<std::mutex> lock(mutex);
    ++inside;
    changed.notify_all();
    changed.wait(lock, [&] { return inside == 2; });
  };
  queue.set_delivery_handler([&](const DeliveryReport&) {
    both_inside();
    queue.set_log_handler(nullptr, LogLevel::info, false);
  });
  queue.set_log_handler(
      [&](LogLevel, const std::string&) {
        both_inside();
        queue.set_delivery_handler(nullptr);
      },
      LogLevel::info, false);
  auto reports = reports_with_tags({1});
  queue.push_reports(reports);
  std::thread poller([&] { queue.poll(Duration(0)); });
  queue.log(LogLevel::warning, "line");
  poller.join();
  BOOST_TEST(!queue.in_handler());
}

BOOST_AUTO_TEST_CASE(close_ends_a_poll_that_waits_for_ever) {
  ReportQueue queue(4);
  queue.set_delivery_handler([](const DeliveryReport&) {});
  std::size_t served = 1;
  std::thread poller([&] { served = queue.poll(Duration(-1)); });
  queue.close();
  poller.join();
  BOOST_TEST(served == 0u);
  BOOST_TEST(queue.poll(Duration(-1)) == 0u);  // closed: no longer waits
}

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
