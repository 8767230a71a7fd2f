// Delivery reports and (with log.queue) log lines waiting to be served on a caller's thread by
// poll(). Reports are queued only while a delivery handler is set, at most `max_queued` of each
// kind; past that the oldest is dropped and counted.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/delivery_report.h"
#include "runtime/clock.h"
#include "runtime/log.h"

namespace cib {

using DeliveryHandler = std::function<void(const DeliveryReport&)>;
using LogHandler = std::function<void(LogLevel, const std::string&)>;

class ReportQueue {
 public:
  explicit ReportQueue(std::size_t max_queued) : max_queued_(max_queued) {}

  void set_delivery_handler(DeliveryHandler handler);
  void set_log_handler(LogHandler handler, LogLevel max_level, bool queued);

  // From the dispatcher or a post call.
  void push_reports(std::vector<DeliveryReport>& reports);
  void log(LogLevel level, const std::string& line);

  // Serves what is queued to the handlers on this thread; waits up to `timeout` (negative:
  // forever) for the first item. Returns how many were served.
  std::size_t poll(Duration timeout);
  // Wakes a poll() that waits, e.g. at shutdown.
  void wake();

  // True on the thread currently running a handler (re-entry is refused there).
  bool in_handler() const;
  std::uint64_t dropped() const;

 private:
  struct LogLine {
    LogLevel level;
    std::string text;
  };
  void enter_handler();
  void leave_handler();

  const std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  DeliveryHandler delivery_handler_;
  LogHandler log_handler_;
  LogLevel log_max_level_ = LogLevel::info;
  bool log_queued_ = false;
  std::deque<DeliveryReport> reports_;
  std::deque<LogLine> logs_;
  std::uint64_t dropped_ = 0;
  std::vector<std::thread::id> handler_threads_;  // threads inside poll()'s handlers
  bool woken_ = false;
};

}  // namespace cib
