// Replays a trace as a plugin without cibatch would: each post op sends its requests at once, on
// this thread (naive_requests.h, to settings.host_kind), in the trace's own time. A call the host
// turns away for now is sent again whole, as the library's baseline mode did: after a 429 once
// Retry-After has passed (else after a backoff), after a 5xx, a 408 or a dropped connection after a
// backoff, never sooner than Retry-After. Any other failure ends the call, counted as undelivered.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <iosfwd>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "naive_call.h"
#include "naive_sender.h"
#include "report_threads.h"
#include "trace_op.h"
#include "transport/retry_policy.h"

namespace cib::bench {

struct NaiveTotals {
  std::int64_t calls = 0;    // post ops replayed
  std::int64_t retries = 0;  // calls sent again
  std::int64_t failed = 0;   // calls whose requests the host did not all take
};

class NaiveReplay {
 public:
  // time_scale multiplies every sleep of the trace; why a call failed goes to `errors`.
  NaiveReplay(NaiveSender& sender, const Settings& settings, double time_scale,
              std::ostream& errors);

  // Reads the files of every sonar op first (relative to the folder of `trace_name`, the
  // trace's path): one that cannot be read throws std::invalid_argument naming TRACE:LINE
  // before anything is sent.
  void run(const std::vector<trace::TraceLine>& lines, const std::string& trace_name);

  const NaiveTotals& totals() const { return totals_; }

 private:
  void read_sonar_ops(const std::vector<trace::TraceLine>& lines, const std::string& trace_name);
  void replay(const trace::TraceLine& line, const std::string& where);
  void post(const NaiveCall& call, const std::string& where);
  // The call with the PR its report lands on, where the host shows reports as notes.
  NaiveCall with_thread(NaiveCall call) const;
  // Sends the call until the host takes it, or counts it failed.
  void send(const NaiveCall& call, const std::string& where);
  // How long to wait before sending the call again after `error`, or -1: it failed.
  std::int64_t retry_wait_ms(std::exception_ptr error, int attempt);
  void sleep(std::int64_t ms);

  NaiveSender& sender_;
  HostKind host_;
  bool github_check_runs_;  // a GitHub report is a check run (an App's credential)
  ReportThreads threads_;   // of the trace being replayed
  BackoffPolicy backoff_;
  double time_scale_;
  std::ostream& errors_;
  std::mt19937_64 random_;
  NaiveTotals totals_;
  std::map<std::size_t, std::vector<NaiveCall>> sonar_calls_;  // by trace line
  // Sleeps are measured from the anchor, so the time spent sending does not add up.
  std::chrono::steady_clock::time_point anchor_;
  double trace_ms_ = 0;
};

// The summary line `cibatch replay` prints, for the baseline:
// {"calls":N,"requests":M,"by_kind":{"status":..,"comment":..,"report":..},"retries":R,
//  "rate_limited":K,"undelivered":U}
std::string naive_summary_json(const NaiveTotals& totals, const NaiveCounts& counts);

}  // namespace cib::bench
