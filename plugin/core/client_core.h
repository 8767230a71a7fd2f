// What a client's caller side (Client) and its dispatcher thread (Dispatcher) both use. The
// dispatcher holds a reference too, so a dispatcher that outlives cib_client_destroy (a request
// that would not abort) still finds it.
//
// Two parts, told apart by how they are kept safe:
// - the client's parts, fixed when it opens or guarding themselves (own mutex, atomics);
// - the slot table and what waits on it, guarded by `mutex`: the only state both threads write.
// What the dispatcher decides (pauses, retries, timers) is its own (core/dispatcher.h); the order
// keys of posts are the caller side's (core/client.h).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "budget/budget.h"
#include "config/settings.h"
#include "core/credential.h"
#include "core/report_queue.h"
#include "core/slot_table.h"
#include "core/stats.h"
#include "providers/provider.h"
#include "runtime/clock.h"
#include "spool/spool.h"
#include "transport/http_client.h"

namespace cib {

// The transport's part of the settings: the host's URL, TLS, proxy and timeouts.
TransportSettings transport_settings(const Settings& s);

struct ClientCore {
  ClientCore(const Settings& settings, std::unique_ptr<Clock> clock);

  // The client's parts.
  const Settings settings;
  const std::unique_ptr<Clock> clock;
  Credential credential;
  Stats stats;
  ReportQueue reports;
  HttpClient http;  // sends on the dispatcher only; abort() from shutdown
  std::unique_ptr<Provider> provider;
  std::unique_ptr<Spool> spool;  // null with spool.sync: off
  const std::string client_id;   // names this client in the budget's heartbeats
  std::unique_ptr<Budget> budget;

  // Shared by the caller side and the dispatcher.
  std::mutex mutex;                 // guards everything below
  std::condition_variable wake;     // the dispatcher waits on it
  std::condition_variable settled;  // flush and shutdown wait on it
  SlotTable table;
  std::uint64_t counter = 0;  // order counter of updates (posts, and slots found in the spool)
  // Posts of this client written to the spool and not yet in the table: a claim that finds one
  // there adopts this client's own post, not another process's.
  std::set<OrderKey> journaling;
  bool stopping = false;  // no more waiting: the dispatcher exits
  bool dispatcher_done = false;

  // Hands a line to the log handler with the credential's and the settings' secrets, and the
  // value of any Authorization or PRIVATE-TOKEN header it quotes, redacted.
  void log(LogLevel level, const std::string& line);
};

}  // namespace cib
