// bench-post-cost [Google Benchmark options]
// What one cib_client_post_status call costs the caller's thread with spool.sync off, batch and
// always, from 1 and 8 threads. The calls measured are non-gating edits (INPROGRESS to
// INPROGRESS with a new description) of statuses the host already shows: the first status of a
// key is gating (durable before the post returns) until one has been delivered, so each thread
// first posts and delivers its keys to the bundled simulator. Lingers and delays are at their
// maximum, so nothing is delivered while the clock runs and the dispatcher sleeps.
// Besides the mean, each call is timed on its own: counters mean_ns, p50_us and p99_us are over
// every call of every thread. Exit 1 when a run failed (e.g. a library without spool keys).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "forge_sim.h"
#include "latency_summary.h"
#include "post_cost_run.h"
#include "temp_dir.h"

namespace {

using cib::bench::PostCostRun;
using cib::bench::RunCoordinator;

constexpr int kKeysPerThread = 16;
constexpr std::int32_t kFirstDeliveryTimeoutMs = 60000;
constexpr const char* kRepo = "bench/post-cost";
constexpr const char* kCommit = "9fceb02d0ae598e95dc970b74767f19372d61af8";

// The keys one thread edits, and the status it posts them with.
class ThreadKeys {
 public:
  explicit ThreadKeys(int thread) : tag_(static_cast<std::uint64_t>(thread) + 1) {
    for (int k = 0; k < kKeysPerThread; ++k) {
      keys_.push_back("t" + std::to_string(thread) + "-key" + std::to_string(k));
    }
    status_.repo = kRepo;
    status_.commit = kCommit;
    status_.name = "Build";
    status_.url = "https://ci.example.com/job/bench/1/";
  }

  std::uint64_t tag() const { return tag_; }

  // cibatch::Error when the library refuses the post.
  void post(cibatch::Client& client, std::uint64_t edit, const char* description) {
    status_.key = keys_[edit % keys_.size()].c_str();
    status_.description = description;
    client.post(status_, tag_);
  }

  // Posts the first (gating) status of every key and waits until the host holds them all, so
  // that later posts of these keys are edits. Empty, or what went wrong.
  std::string deliver_first_statuses(cibatch::Client& client) {
    try {
      for (std::size_t k = 0; k < keys_.size(); ++k) post(client, k, "started");
    } catch (const cibatch::Error& e) {
      return "first post: " + cib::bench::describe_failure(e);
    }
    cibatch::Settlement flushed;
    try {
      flushed = client.flush(tag_, kFirstDeliveryTimeoutMs);
    } catch (const cibatch::Error& e) {
      return "delivering the first statuses: " + cib::bench::describe_failure(e);
    }
    if (flushed.settled()) return "";
    return "delivering the first statuses: " + std::string(cib_status_name(flushed.status)) + ": " +
           flushed.message;
  }

 private:
  std::uint64_t tag_;
  std::vector<std::string> keys_;
  cib_build_status status_ = CIB_BUILD_STATUS_INIT;
};

std::string prepare(PostCostRun& run, ThreadKeys& keys) {
  if (!run.error().empty()) return run.error();
  return keys.deliver_first_statuses(run.client());
}

void post_status_edit(benchmark::State& state, RunCoordinator* runs) {
  const std::shared_ptr<PostCostRun> run = runs->join();
  ThreadKeys keys(state.thread_index());
  std::string error = prepare(*run, keys);
  std::vector<std::int64_t> samples_ns;
  if (error.empty()) samples_ns.reserve(static_cast<std::size_t>(state.max_iterations));

  char description[64];
  std::uint64_t edit = 0;
  // A failed post does not leave the loop: every thread must reach the end-of-loop barrier.
  for (auto _ : state) {
    if (!error.empty()) continue;
    ++edit;
    std::snprintf(description, sizeof description, "running, step %llu",
                  static_cast<unsigned long long>(edit));
    const auto start = std::chrono::steady_clock::now();
    try {
      keys.post(run->client(), edit, description);
    } catch (const cibatch::Error& e) {
      error = "edit: " + cib::bench::describe_failure(e);
    }
    const auto end = std::chrono::steady_clock::now();
    samples_ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(samples_ns.size()));
  run->deposit(std::move(samples_ns));
  if (!error.empty()) {
    runs->note_error(error);
    state.SkipWithError(error.c_str());
  }
  if (state.thread_index() != 0) return;
  // Counters are summed over threads: only thread 0 sets these, over every thread's samples.
  std::vector<std::int64_t> all = run->wait_for_all(state.threads());
  const cib::bench::LatencySummary summary = cib::bench::summarize_latencies(all);
  state.counters["mean_ns"] = summary.mean_ns;
  state.counters["p50_us"] = summary.p50_us;
  state.counters["p99_us"] = summary.p99_us;
  runs->finish();
}

int run_benchmarks(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  // $TMPDIR chooses the disk the spool files are on (tmpfs makes `always` look free).
  const cib::test::TempDir scratch("cibatch-bench-post-cost");
  const cib::test::ForgeSim sim;
  std::vector<std::unique_ptr<RunCoordinator>> coordinators;
  for (const char* mode : {"off", "batch", "always"}) {
    coordinators.push_back(std::make_unique<RunCoordinator>(
        cib::bench::RunSetup{sim.api_url(), mode, scratch.path()}));
    benchmark::RegisterBenchmark((std::string("post_status_edit/sync:") + mode).c_str(),
                                 post_status_edit, coordinators.back().get())
        ->Threads(1)
        ->Threads(8)
        ->UseRealTime();
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  int exit_code = 0;
  for (const auto& coordinator : coordinators) {
    const std::string error = coordinator->first_error();
    if (!error.empty()) {
      std::cerr << "bench-post-cost: " << error << "\n";
      exit_code = 1;
    }
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_benchmarks(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "bench-post-cost: " << e.what() << "\n";
    return 1;
  }
}
