// One row of the fault matrix: a spool and budget of its own, the client's YAML with short
// timeouts, the workload, the timing checks every row makes (posts return fast, a flush by its
// timeout, destroy within shutdown.timeout_ms + 1 s) and the line the matrix prints.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "forge_sim.h"
#include "recording_client.h"
#include "sim_state.h"
#include "temp_dir.h"

namespace cib::test {

inline const std::string kMatrixRepo = "acme/web";
inline const std::string kMatrixCommit = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";
constexpr int kShutdownMs = 1500;  // shutdown.timeout_ms of every row
constexpr int kReadTimeoutMs = 1000;
constexpr int kSlackMs = 1000;  // what a blocked call may overrun its timeout by

// What a row posts; requests are numbered in this order when a flush sends them.
enum Parts { kStatus = 1, kComment = 2, kReport = 4, kAll = 7 };

class MatrixRow {
 public:
  explicit MatrixRow(std::string fault) : fault_(std::move(fault)) {}

  // The client's YAML for `api_url`: spool and budget in this row's directory, short timeouts,
  // lingers no test waits for; `extra` adds lines under `cibatch:` (tls, proxy).
  std::string yaml(const std::string& api_url, const std::string& extra = "") const;

  // Posts two versions of each part (the second the newest), checking every post returns
  // within 500 ms. Returns the newest content.
  DesiredState post(RecordingClient& session, int parts = kAll);

  // Flushes everything with `timeout_ms`, checking the call returns by then (+ kSlackMs).
  // Returns the count left.
  std::size_t timed_flush(RecordingClient& session, int timeout_ms);

  // Destroys the client, checking it returns within shutdown.timeout_ms + 1 s.
  void timed_close(RecordingClient& session);

  // Waits (at most `deadline_ms`) until `sim` holds `want`; returns the differences left, each
  // reported as an error: the slots lost.
  int expect_state(const ForgeSim& sim, const DesiredState& want, int deadline_ms = 20000);

  // Prints the matrix line: | fault | requests the sim saw | outcome | lost | slowest destroy |
  void print(long requests, const std::string& outcome, int lost) const;

  const TempDir& dir() const { return dir_; }

 private:
  std::string fault_;
  TempDir dir_{"cibatch-faults"};
  long slowest_destroy_ms_ = 0;
};

// Posts the workload through `yaml`, flushes for 1.5 s while the fault holds and destroys the
// client, timing each. Returns the newest content; `left` and `reports` get what was left and
// the delivery reports.
DesiredState post_during_fault(MatrixRow& row, const std::string& yaml, std::size_t& left,
                               std::vector<Delivery>& reports);

// A second client on the row's spool, once the fault is gone: it must deliver what was left.
// Returns the slots lost.
int deliver_leftovers(MatrixRow& row, const ForgeSim& sim, const std::string& yaml,
                      const DesiredState& want);

// The number of API requests the simulator saw.
long sim_requests(const ForgeSim& sim);

// The delivery reports of `session` whose outcome is `outcome`.
int count_outcome(RecordingClient& session, int outcome);

}  // namespace cib::test
