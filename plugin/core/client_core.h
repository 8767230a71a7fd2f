// The state one client shares between the caller-facing façade and its dispatcher thread. The
// dispatcher holds a reference too, so a dispatcher that outlives cib_client_destroy (a request
// that would not abort) still finds its state.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "config/settings.h"
#include "core/coalescer.h"
#include "core/report_queue.h"
#include "core/slot_table.h"
#include "core/stats.h"
#include "providers/provider.h"
#include "runtime/clock.h"
#include "transport/http_client.h"
#include "transport/retry_policy.h"

namespace cib {

// A post in naive mode: sent on its own, in order, with no coalescing (the baseline).
struct NaivePost {
  Update update;
  std::uint64_t seq = 0;
};

struct ClientCore {
  ClientCore(const Settings& settings, std::unique_ptr<Clock> clock, UnitRandom random);

  const Settings settings;
  const std::unique_ptr<Clock> clock;
  const UnitRandom random;
  const BackoffPolicy backoff;
  const std::string authorization;  // the header value: a secret, never logged

  Stats stats;
  ReportQueue reports;
  HttpClient http;
  std::unique_ptr<Provider> provider;

  std::mutex mutex;                 // guards everything below
  std::condition_variable wake;     // the dispatcher waits on it
  std::condition_variable settled;  // flush waits on it
  SlotTable table;
  std::deque<NaivePost> naive;
  std::uint64_t counter = 0;  // order counter of updates
  TimePoint paused_until{};   // a 429 pauses the whole identity
  int rate_limit_attempts = 0;
  int naive_attempts = 0;
  TimePoint naive_not_before{};
  TimePoint next_expiry{};  // when delivered records are next checked for expiry
  bool stopping = false;    // no more waiting: the dispatcher exits
  bool dispatcher_done = false;
  std::thread::id dispatcher_thread;

  void log(LogLevel level, const std::string& line) { reports.log(level, line); }
  std::size_t unsettled(std::uint64_t tag) const;  // with mutex held
};

// The dispatcher thread's body: delivers due slots until core.stopping.
void run_dispatcher(const std::shared_ptr<ClientCore>& core);

}  // namespace cib
