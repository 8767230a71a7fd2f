// Injected time: coalescing, linger, backoff and budgets read the time through a Clock so that
// tests drive it by hand instead of sleeping.
#pragma once

#include <chrono>
#include <cstdint>

namespace cib {

using Duration = std::chrono::milliseconds;
using TimePoint = std::chrono::steady_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  // Wall-clock nanoseconds since the epoch: order keys and dedup trust survive restarts.
  virtual std::int64_t wall_ns() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::steady_clock::now(); }
  std::int64_t wall_ns() const override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that moves only when told to (tests).
class ManualClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  std::int64_t wall_ns() const override {
    return wall_base_ns_ +
           std::chrono::duration_cast<std::chrono::nanoseconds>(now_.time_since_epoch()).count();
  }
  void advance(Duration d) { now_ += d; }

 private:
  TimePoint now_{};
  std::int64_t wall_base_ns_ = 1'700'000'000'000'000'000LL;
};

}  // namespace cib
