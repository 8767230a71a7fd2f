// The state one client shares between the caller-facing façade and its dispatcher thread. The
// dispatcher holds a reference too, so a dispatcher that outlives cib_client_destroy (a request
// that would not abort) still finds its state.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "budget/budget.h"
#include "config/settings.h"
#include "core/coalescer.h"
#include "core/credential.h"
#include "core/report_queue.h"
#include "core/slot_table.h"
#include "core/stats.h"
#include "providers/provider.h"
#include "runtime/clock.h"
#include "spool/spool.h"
#include "transport/http_client.h"
#include "transport/retry_policy.h"

namespace cib {

struct ClientCore {
  ClientCore(const Settings& settings, std::unique_ptr<Clock> clock, UnitRandom random);

  const Settings settings;
  const std::unique_ptr<Clock> clock;
  const UnitRandom random;
  const BackoffPolicy backoff;
  Credential credential;

  Stats stats;
  ReportQueue reports;
  HttpClient http;
  std::unique_ptr<Provider> provider;
  std::unique_ptr<Spool> spool;  // null with spool.sync: off
  const std::string client_id;   // names this client in the budget's heartbeats
  std::unique_ptr<Budget> budget;
  // How long a 429 pauses the identity, as the budget worked it out; -1: back off.
  std::atomic<std::int64_t> advised_pause_ms{-1};
  const std::uint64_t machine;   // order keys
  const std::uint32_t pid;

  std::mutex mutex;                 // guards everything below
  std::condition_variable wake;     // the dispatcher waits on it
  std::condition_variable settled;  // flush waits on it
  SlotTable table;
  std::uint64_t counter = 0;      // order counter of updates
  TimePoint paused_until{};       // a 429 pauses the whole identity
  TimePoint auth_paused_until{};  // a 401 too, until the credential is read again
  bool auth_reload = false;
  std::int64_t last_wall_ns = 0;       // order keys never go back in time within a process
  TimePoint next_rescan{};             // when the spool is next read for other processes' slots
  std::int64_t rescanned_wall_ns = 0;  // when it was last read
  int rate_limit_attempts = 0;
  TimePoint next_expiry{};  // when delivered records are next checked for expiry
  TimePoint next_heartbeat{};  // when the budget next hears that this client is alive
  // A priority the budget refused waits until then; lower ones wait at least as long.
  TimePoint budget_blocked[kPriorityCount]{};
  bool stopping = false;    // no more waiting: the dispatcher exits
  bool dispatcher_done = false;
  std::thread::id dispatcher_thread;

  void log(LogLevel level, const std::string& line) { reports.log(level, line); }
  std::size_t unsettled(std::uint64_t tag) const;  // with mutex held
  OrderKey next_order(std::uint64_t seq);          // with mutex held
};

// The dispatcher thread's body: delivers due slots until core.stopping.
void run_dispatcher(const std::shared_ptr<ClientCore>& core);

}  // namespace cib
