#include "core/report_queue.h"

#include <algorithm>
#include <utility>

namespace cib {

void ReportQueue::set_delivery_handler(DeliveryHandler handler) {
  std::unique_lock<std::mutex> lock(mutex_);
  delivery_handler_ = std::move(handler);
  if (!delivery_handler_) reports_.clear();
  wait_for_replaced(kDelivery, lock);
}

void ReportQueue::set_log_handler(LogHandler handler, LogLevel max_level, bool queued) {
  std::unique_lock<std::mutex> lock(mutex_);
  log_handler_ = std::move(handler);
  log_max_level_ = max_level;
  log_queued_ = queued;
  if (!log_handler_) logs_.clear();
  wait_for_replaced(kLog, lock);
  if (log_handler_ && !log_handler_ever_) serve_held(lock);
}

void ReportQueue::serve_held(std::unique_lock<std::mutex>& lock) {
  log_handler_ever_ = true;
  std::deque<LogLine> held;
  held.swap(held_);
  for (LogLine& line : held) {
    if (!log_handler_ || line.level > log_max_level_) continue;
    if (log_queued_) {
      logs_.push_back(std::move(line));
      ready_.notify_all();
      continue;
    }
    const LogHandler handler = log_handler_;
    run_handler(kLog, lock, [&] { handler(line.level, line.text); });
  }
}

void ReportQueue::push_reports(std::vector<DeliveryReport>& reports) {
  if (reports.empty()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!delivery_handler_) {
      reports.clear();
      return;
    }
    for (auto& report : reports) {
      if (reports_.size() >= max_queued_) {
        reports_.pop_front();
        ++dropped_;
      }
      reports_.push_back(std::move(report));
    }
  }
  reports.clear();
  ready_.notify_all();
}

void ReportQueue::log(LogLevel level, const std::string& line) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!log_handler_ && !log_handler_ever_ && held_.size() < kHeldLines) {
    held_.push_back({level, line});
    return;
  }
  if (!log_handler_ || level > log_max_level_) return;
  if (log_queued_) {
    if (logs_.size() >= max_queued_) logs_.pop_front();
    logs_.push_back({level, line});
    lock.unlock();
    ready_.notify_all();
    return;
  }
  const LogHandler handler = log_handler_;
  run_handler(kLog, lock, [&] { handler(level, line); });
}

std::size_t ReportQueue::poll(Duration timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto has_work = [this] { return !reports_.empty() || !logs_.empty() || closed_; };
  if (timeout.count() < 0) {
    ready_.wait(lock, has_work);
  } else {
    ready_.wait_for(lock, timeout, has_work);
  }
  // What is queued now, one item at a time and each to the handler set at that moment, so that
  // a handler is never called once its replacement returned.
  std::size_t logs = logs_.size();
  std::size_t reports = reports_.size();
  std::size_t served = 0;
  for (; logs > 0 && !logs_.empty() && log_handler_; --logs, ++served) {
    const LogLine line = std::move(logs_.front());
    logs_.pop_front();
    const LogHandler handler = log_handler_;
    run_handler(kLog, lock, [&] { handler(line.level, line.text); });
  }
  for (; reports > 0 && !reports_.empty() && delivery_handler_; --reports, ++served) {
    const DeliveryReport report = std::move(reports_.front());
    reports_.pop_front();
    const DeliveryHandler handler = delivery_handler_;
    run_handler(kDelivery, lock, [&] { handler(report); });
  }
  return served;
}

void ReportQueue::close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

template <typename Body>
void ReportQueue::run_handler(Kind kind, std::unique_lock<std::mutex>& lock, Body&& call) {
  const std::thread::id self = std::this_thread::get_id();
  calls_.push_back({self, kind, generation_[kind]});
  const auto end = [&] {
    if (!lock.owns_lock()) lock.lock();
    const auto it = std::find_if(calls_.rbegin(), calls_.rend(),
                                 [&](const Call& c) { return c.thread == self; });
    if (it != calls_.rend()) calls_.erase(std::next(it).base());
    call_ended_.notify_all();
  };
  lock.unlock();
  try {
    call();
  } catch (...) {
    end();
    throw;
  }
  end();
}

void ReportQueue::wait_for_replaced(Kind kind, std::unique_lock<std::mutex>& lock) {
  const std::uint64_t replaced = generation_[kind]++;
  const std::thread::id self = std::this_thread::get_id();
  const auto old_call_runs_elsewhere = [&] {
    return std::any_of(calls_.begin(), calls_.end(), [&](const Call& c) {
      return c.kind == kind && c.generation <= replaced && c.thread != self &&
             !waits_in_setter(c.thread);
    });
  };
  if (!old_call_runs_elsewhere()) return;
  setters_.push_back(self);
  call_ended_.notify_all();  // a setter waiting for this thread's call stops waiting for it
  call_ended_.wait(lock, [&] { return !old_call_runs_elsewhere(); });
  setters_.erase(std::find(setters_.begin(), setters_.end(), self));
}

bool ReportQueue::waits_in_setter(std::thread::id thread) const {
  return std::find(setters_.begin(), setters_.end(), thread) != setters_.end();
}

bool ReportQueue::in_handler() const {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::thread::id self = std::this_thread::get_id();
  return std::any_of(calls_.begin(), calls_.end(), [&](const Call& c) { return c.thread == self; });
}

std::uint64_t ReportQueue::dropped() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return dropped_;
}

}  // namespace cib
