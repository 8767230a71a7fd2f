#include "pull_run.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <vector>

#include "bench_client.h"

namespace cib::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint64_t kTag = 11;
constexpr std::int32_t kWaitMs = 120000;
constexpr std::size_t kAnnotationCap = 1000;  // Bitbucket Cloud's, per report
constexpr std::int64_t kMaxPostUs = 1000000;

// What the delivery callback saw of the report's tag.
struct Reported {
  bool seen = false;
  std::int32_t outcome = -1;
  std::string message;
};

cibatch::Client open_pull_client(const test::ForgeSim& sim) {
  const Settings settings = {
      {"host.kind", "bitbucket-cloud"},
      {"host.api_url", sim.api_url()},
      {"host.auth.token", "bench-token"},
      {"spool.sync", "off"},
      // Every run posts as one account: the machine's budget would soon hold it back.
      {"budget.limit", "0"},
      {"shutdown.timeout_ms", "0"},
      {"sonar.url", sim.origin()},
      {"sonar.token", kSonarToken},
  };
  OpenedClient opened = open_client(settings);
  if (!opened.error.empty()) throw std::runtime_error("opening the client: " + opened.error);
  return std::move(opened.client);
}

std::int64_t post_task(cibatch::Client& client, const std::string& report_task) {
  char err[1024] = "";
  const auto start = Clock::now();
  const cib_status status = cib_client_post_sonar_task(
      client.get(), kRepo, kCommit, kPullRequest, report_task.c_str(), kTag, 0, err, sizeof err);
  const auto took = Clock::now() - start;
  if (status != CIB_OK) {
    throw std::runtime_error("cib_client_post_sonar_task: " + std::string(cib_status_name(status)) +
                             ": " + err);
  }
  return std::chrono::duration_cast<std::chrono::microseconds>(took).count();
}

void wait_for_report(cibatch::Client& client, WaitMode mode, const Reported& reported) {
  if (mode == WaitMode::flush) {
    const cibatch::Settlement flushed = client.flush(kTag, kWaitMs);
    if (!flushed.settled()) {
      throw std::runtime_error("cib_client_flush: " + std::string(cib_status_name(flushed.status)) +
                               ": " + flushed.message);
    }
    client.poll(0);
    return;
  }
  const auto deadline = Clock::now() + std::chrono::milliseconds(kWaitMs);
  while (!reported.seen && Clock::now() < deadline) client.poll(1000);
}

void check_reported(const Reported& reported) {
  if (!reported.seen) throw std::runtime_error("no delivery report within 120 s");
  if (reported.outcome != CIB_OUTCOME_DELIVERED) {
    throw std::runtime_error("the report was not delivered (outcome " +
                             std::to_string(reported.outcome) + "): " + reported.message);
  }
}

void check_timeline(const PullTimeline& timeline, const PullCase& pull_case) {
  if (timeline.task_polls != static_cast<std::size_t>(pull_case.expected_polls())) {
    throw std::runtime_error("the task was polled " + std::to_string(timeline.task_polls) +
                             " times; its script ends at poll " +
                             std::to_string(pull_case.expected_polls()));
  }
  if (!timeline.poll_gaps_ms.empty() && timeline.min_poll_gap_ms() < 1000) {
    throw std::runtime_error("the task was polled " + std::to_string(timeline.min_poll_gap_ms()) +
                             " ms after the poll before: faster than once a second");
  }
}

}  // namespace

const char* wait_mode_name(WaitMode mode) {
  return mode == WaitMode::flush ? "flush" : "linger";
}

RunMeasure run_pull(test::ForgeSim& sim, const PullCase& pull_case, WaitMode mode,
                    const std::string& scratch_dir) {
  sim.reset();
  const std::string report_task = load_analysis(sim, pull_case, scratch_dir);
  Reported reported;  // outlives the client whose callback writes it
  cibatch::Client client = open_pull_client(sim);
  client.set_delivery_callback([&reported](const cibatch::Delivery& delivery) {
    if (delivery.tag() != kTag || delivery.kind() != CIB_SLOT_REPORT) return;
    reported = Reported{true, delivery.outcome(), delivery.message()};
  });
  RunMeasure measure;
  measure.post_us = post_task(client, report_task);
  const auto posted = Clock::now();
  wait_for_report(client, mode, reported);
  measure.settled_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - posted).count();
  check_reported(reported);
  if (measure.post_us >= kMaxPostUs) {
    throw std::runtime_error("cib_client_post_sonar_task took " +
                             std::to_string(measure.post_us / 1000) + " ms: it waited");
  }
  measure.timeline = read_timeline(logged_requests(sim));
  check_timeline(measure.timeline, pull_case);
  measure.annotations = report_annotations(sim);
  const std::size_t expected =
      std::min(static_cast<std::size_t>(pull_case.findings), kAnnotationCap);
  if (measure.annotations != expected) {
    throw std::runtime_error("the host holds " + std::to_string(measure.annotations) +
                             " annotations, not " + std::to_string(expected));
  }
  return measure;
}

}  // namespace cib::bench
