// The threads that use a client alongside the posting threads: two flush, two poll, one sets,
// replaces and clears both callbacks, one reads the stats and the budget.
#pragma once

#include <atomic>
#include <thread>
#include <vector>

#include "cibatch.h"
#include "stress_calls.h"

namespace cib::test {

// A callback's opaque: a call of a callback after its setter replaced or cleared it (retired)
// is a failure.
struct CallbackSink {
  std::atomic<bool> retired{true};
  std::atomic<long> calls{0};
  CallChecks* checks = nullptr;
};

class SideThreads {
 public:
  // Starts the threads on `client`; `conf` is the client's configuration (for cib_budget_json).
  SideThreads(cib_client* client, const cib_config* conf, CallChecks& checks);
  ~SideThreads();
  SideThreads(const SideThreads&) = delete;
  SideThreads& operator=(const SideThreads&) = delete;

  // Ends the threads, clears both callbacks and returns once none of their calls runs.
  void stop();
  // Callback calls served so far (delivery reports and log lines).
  long callback_calls() const;

 private:
  void flush_loop(unsigned seed);
  void poll_loop();
  void toggle_loop();
  void read_loop();
  void set_delivery(CallbackSink* sink);
  void set_log(CallbackSink* sink, int level);

  cib_client* client_;
  const cib_config* conf_;
  CallChecks& checks_;
  std::atomic<bool> stopping_{false};
  CallbackSink delivery_sinks_[2], log_sinks_[2];
  CallbackSink* delivery_now_ = nullptr;  // the toggling thread's own
  CallbackSink* log_now_ = nullptr;
  std::vector<std::thread> threads_;
};

}  // namespace cib::test
