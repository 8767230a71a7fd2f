#include "rate_limiter.h"

#include <algorithm>

namespace cib::sim {

RateLimiter::RateLimiter(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

RateDecision RateLimiter::take(const std::string& identity, Clock::time_point now) {
  RateDecision decision;
  decision.limit = limit_;
  if (limit_ <= 0) return decision;

  std::lock_guard<std::mutex> lock(mutex_);
  auto& log = logs_[identity];
  while (!log.empty() && log.front() + window_ <= now) log.pop_front();

  if (static_cast<int>(log.size()) >= limit_) {
    decision.allowed = false;
  } else {
    log.push_back(now);
  }
  decision.used = static_cast<int>(log.size());
  const auto wait = log.front() + window_ - now;
  const auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(wait).count();
  decision.reset_after_s = std::max(1, static_cast<int>((wait_ms + 999) / 1000));
  if (!decision.allowed) decision.retry_after_s = decision.reset_after_s;
  decision.near_limit = decision.used * 5 >= limit_ * 4;
  return decision;
}

bool RateLimiter::give_back(const std::string& identity) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = logs_.find(identity);
  if (found == logs_.end() || found->second.empty()) return false;
  found->second.pop_back();
  return true;
}

void RateLimiter::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  logs_.clear();
}

}  // namespace cib::sim
