// Bitbucket Cloud's rolling-window limit: at most N requests per identity in any window of S
// seconds, kept as a sliding log of request times (a bucket would let 2N through in a window).
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace cib::sim {

struct RateDecision {
  bool allowed = true;
  int limit = 0;
  int used = 0;             // requests in the window, this one included when allowed
  int retry_after_s = 0;    // when refused: until the oldest logged request leaves the window
  bool near_limit = false;  // at least 80 % of the window used
  int reset_after_s = 0;    // until the oldest logged request leaves the window (>= 1)
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // limit 0 means unlimited.
  RateLimiter(int limit, std::chrono::seconds window);

  bool enabled() const { return limit_ > 0; }

  // Counts one request of `identity` at `now` unless the window is full.
  RateDecision take(const std::string& identity, Clock::time_point now);

  // Forgets the latest request counted for `identity` (one the host does not charge, such as
  // GitHub's 304); false when there is none.
  bool give_back(const std::string& identity);

  void reset();

 private:
  int limit_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Clock::time_point>> logs_;
};

}  // namespace cib::sim
