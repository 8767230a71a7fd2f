#include "core/report_queue.h"

#include <algorithm>
#include <utility>

namespace cib {

void ReportQueue::set_delivery_handler(DeliveryHandler handler) {
  std::lock_guard<std::mutex> lock(mutex_);
  delivery_handler_ = std::move(handler);
  if (!delivery_handler_) reports_.clear();
}

void ReportQueue::set_log_handler(LogHandler handler, LogLevel max_level, bool queued) {
  std::lock_guard<std::mutex> lock(mutex_);
  log_handler_ = std::move(handler);
  log_max_level_ = max_level;
  log_queued_ = queued;
  if (!log_handler_) logs_.clear();
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
  LogHandler direct;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!log_handler_ || level > log_max_level_) return;
    if (log_queued_) {
      if (logs_.size() >= max_queued_) logs_.pop_front();
      logs_.push_back({level, line});
    } else {
      direct = log_handler_;
    }
  }
  if (direct) {
    direct(level, line);
  } else {
    ready_.notify_all();
  }
}

std::size_t ReportQueue::poll(Duration timeout) {
  std::deque<DeliveryReport> reports;
  std::deque<LogLine> logs;
  DeliveryHandler on_delivery;
  LogHandler on_log;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    const auto has_work = [this] { return !reports_.empty() || !logs_.empty() || woken_; };
    if (timeout.count() < 0) {
      ready_.wait(lock, has_work);
    } else {
      ready_.wait_for(lock, timeout, has_work);
    }
    woken_ = false;
    reports.swap(reports_);
    logs.swap(logs_);
    on_delivery = delivery_handler_;
    on_log = log_handler_;
  }
  enter_handler();
  std::size_t served = 0;
  try {
    for (const auto& line : logs) {
      if (on_log) on_log(line.level, line.text), ++served;
    }
    for (const auto& report : reports) {
      if (on_delivery) on_delivery(report), ++served;
    }
  } catch (...) {
    leave_handler();
    throw;
  }
  leave_handler();
  return served;
}

void ReportQueue::wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  ready_.notify_all();
}

void ReportQueue::enter_handler() {
  std::lock_guard<std::mutex> lock(mutex_);
  handler_threads_.push_back(std::this_thread::get_id());
}

void ReportQueue::leave_handler() {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it =
      std::find(handler_threads_.begin(), handler_threads_.end(), std::this_thread::get_id());
  if (it != handler_threads_.end()) handler_threads_.erase(it);
}

bool ReportQueue::in_handler() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::find(handler_threads_.begin(), handler_threads_.end(), std::this_thread::get_id()) !=
         handler_threads_.end();
}

std::uint64_t ReportQueue::dropped() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return dropped_;
}

}  // namespace cib
