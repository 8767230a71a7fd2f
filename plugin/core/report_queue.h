// Delivery reports and (with log.queue) log lines waiting to be served on a caller's thread by
// poll(). Reports are queued only while a delivery handler is set, at most `max_queued` of each
// kind; past that the oldest is dropped and counted.
//
// Every handler call is registered while it runs, so that a setter can wait until the handler
// it replaced is no longer running: a caller may then free what the old handler used.
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

  // Set, or with an empty handler clear, a handler. They return once no call of the handler
  // replaced runs on another thread. They do not wait for such a call on this thread (a handler
  // that replaces itself), nor for one whose thread waits in a setter itself (two handlers
  // that clear each other would otherwise wait for ever).
  void set_delivery_handler(DeliveryHandler handler);
  // The first handler set also gets the lines logged before it (at most kHeldLines, those up
  // to max_level): the warnings of a client's opening, say.
  void set_log_handler(LogHandler handler, LogLevel max_level, bool queued);

  // From the dispatcher or a post call.
  void push_reports(std::vector<DeliveryReport>& reports);
  void log(LogLevel level, const std::string& line);

  // Serves what is queued to the handlers on this thread; waits up to `timeout` (negative:
  // forever) for the first item. Returns how many were served.
  std::size_t poll(Duration timeout);
  // Nothing more will be queued (the client stopped): poll() no longer waits, on any thread.
  void close();

  // True on a thread currently running a handler (re-entry is refused there).
  bool in_handler() const;
  std::uint64_t dropped() const;

 private:
  enum Kind { kDelivery = 0, kLog = 1 };
  struct LogLine {
    LogLevel level;
    std::string text;
  };
  struct Call {
    std::thread::id thread;
    Kind kind;
    std::uint64_t generation;  // of the handler it runs
  };

  // Runs `call` without the lock, registered as a call of the present handler of `kind`.
  template <typename Body>
  void run_handler(Kind kind, std::unique_lock<std::mutex>& lock, Body&& call);
  // After a handler of `kind` was replaced: waits until no call of an older one runs on
  // another thread (see the setters).
  void wait_for_replaced(Kind kind, std::unique_lock<std::mutex>& lock);
  bool waits_in_setter(std::thread::id thread) const;  // with mutex_ held

  // Hands the held lines to the first handler: queued, or called on this thread.
  void serve_held(std::unique_lock<std::mutex>& lock);

  static constexpr std::size_t kHeldLines = 32;
  const std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable call_ended_;
  DeliveryHandler delivery_handler_;
  LogHandler log_handler_;
  LogLevel log_max_level_ = LogLevel::info;
  bool log_queued_ = false;
  std::deque<DeliveryReport> reports_;
  std::deque<LogLine> logs_;
  std::deque<LogLine> held_;       // logged before any handler was set
  bool log_handler_ever_ = false;  // once set, nothing more is held
  std::uint64_t dropped_ = 0;
  std::uint64_t generation_[2] = {0, 0};  // bumped by each set of that kind
  std::vector<Call> calls_;               // handler calls running now
  std::vector<std::thread::id> setters_;  // threads waiting in wait_for_replaced
  bool closed_ = false;
};

}  // namespace cib
