// One call of the post-cost benchmark function: Google Benchmark starts its threads together and
// calls the function again for every iteration count it tries, so the threads of one call share
// a client (and a fresh spool) opened by the first of them, and hand their latencies to thread 0.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "bench_client.h"

namespace cib::bench {

// What every run of one benchmark shares: where the host is, the sync mode, and a scratch
// directory for the spool files (each run has its own, removed with the run).
struct RunSetup {
  std::string api_url;
  std::string sync_mode;  // "off", "batch" or "always"
  std::string scratch_dir;
};

class PostCostRun {
 public:
  PostCostRun(const RunSetup& setup, int sequence);
  ~PostCostRun();  // destroys the client, then removes the spool directory
  PostCostRun(const PostCostRun&) = delete;
  PostCostRun& operator=(const PostCostRun&) = delete;

  cibatch::Client& client() { return opened_.client; }
  // Why there is no client; empty when there is one.
  const std::string& error() const { return opened_.error; }
  // "spool.sync" when this library has no spool and the run is one of mode off.
  const std::string& skipped() const { return opened_.skipped; }

  // Each thread hands over its latencies once, after its timed loop.
  void deposit(std::vector<std::int64_t>&& samples_ns);
  // Waits until `threads` threads have deposited, and returns all their samples.
  std::vector<std::int64_t> wait_for_all(int threads);

 private:
  std::string spool_dir_;
  OpenedClient opened_;
  std::mutex mutex_;
  std::condition_variable deposited_;
  int deposits_ = 0;
  std::vector<std::int64_t> samples_ns_;
};

// Hands the threads of one call the same run, and the next call a fresh one.
class RunCoordinator {
 public:
  explicit RunCoordinator(RunSetup setup) : setup_(std::move(setup)) {}

  // The run of the current call, opened by the first thread that joins it.
  std::shared_ptr<PostCostRun> join();
  // Thread 0, once it has summarised the run: the next call opens a new one.
  void finish();

  // The first error a run met, for the summary at the end; empty when none did.
  std::string first_error();
  void note_error(const std::string& error);

 private:
  const RunSetup setup_;
  std::mutex mutex_;
  std::shared_ptr<PostCostRun> current_;
  int sequence_ = 0;
  bool told_skipped_ = false;
  std::string first_error_;
};

}  // namespace cib::bench
