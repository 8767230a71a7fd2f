#include "matrix_row.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <thread>
#include <vector>

namespace cib::test {
namespace {

using Clock = std::chrono::steady_clock;

long elapsed_ms(Clock::time_point since) {
  return static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count());
}

constexpr long kPostMs = 500;  // what a post may take, the disk included

void post_report(RecordingClient& session, const std::string& version, DesiredState& want) {
  const std::string key = kMatrixRepo + "|" + kMatrixCommit + "|sast";
  std::vector<std::pair<std::string, std::string>> annotations;
  for (const std::string id : {"a-1", "a-2", "a-3"}) {
    annotations.emplace_back(id, id + " " + version);
    want.report_annotations[key][id] = annotations.back().second;
  }
  session.report(kMatrixRepo, kMatrixCommit, "sast", annotations);
  want.report_results[key] = "FAILED";
}

}  // namespace

std::string MatrixRow::yaml(const std::string& api_url, const std::string& extra) const {
  return "cibatch:\n"
         "  host: { kind: bitbucket-cloud, api_url: \"" +
         api_url +
         "\", auth: { type: bearer, token: \"matrix-token\" } }\n"
         "  batching: { linger_ms: 600000, terminal_linger_ms: 600000 }\n"
         "  transport: { retry_base_ms: 20, retry_max_ms: 300, auth_recheck_ms: 200,"
         " connect_timeout_ms: 1000, read_timeout_ms: " +
         std::to_string(kReadTimeoutMs) +
         " }\n"
         "  spool: { path: \"" +
         dir_.file("spool.db") +
         "\", sync: batch, lease_ms: 100 }\n"
         "  budget: { path: \"" +
         dir_.file("budget.db") +
         "\", limit: 0 }\n"
         "  shutdown: { timeout_ms: " +
         std::to_string(kShutdownMs) + " }\n" + extra;
}

DesiredState MatrixRow::post(RecordingClient& session, int parts) {
  DesiredState want;
  for (const std::string version : {"v1", "v2"}) {
    const auto start = Clock::now();
    if (parts & kStatus) {
      const bool last = version == "v2";
      session.status(kMatrixRepo, kMatrixCommit, "build",
                     last ? CIB_STATE_SUCCESSFUL : CIB_STATE_INPROGRESS);
      want.statuses[kMatrixRepo + "|" + kMatrixCommit + "|build"] =
          last ? "SUCCESSFUL" : "INPROGRESS";
    }
    if (parts & kComment) {
      session.comment(kMatrixRepo, 1, "coverage", "coverage " + version);
      want.comments[kMatrixRepo + "|1|coverage"] = "coverage " + version;
    }
    if (parts & kReport) post_report(session, version, want);
    BOOST_TEST(elapsed_ms(start) <= 3 * kPostMs, fault_ << ": posts took " << elapsed_ms(start));
  }
  return want;
}

std::size_t MatrixRow::timed_flush(RecordingClient& session, int timeout_ms) {
  const auto start = Clock::now();
  std::size_t left = 0;
  session.flush(0, timeout_ms, &left);
  const long took = elapsed_ms(start);
  BOOST_TEST(took <= timeout_ms + kSlackMs,
             fault_ << ": flush(" << timeout_ms << ") took " << took);
  return left;
}

void MatrixRow::timed_close(RecordingClient& session) {
  const auto start = Clock::now();
  session.close();
  const long took = elapsed_ms(start);
  BOOST_TEST(took <= kShutdownMs + 1000, fault_ << ": destroy took " << took << " ms");
  slowest_destroy_ms_ = std::max(slowest_destroy_ms_, took);
}

int MatrixRow::expect_state(const ForgeSim& sim, const DesiredState& want, int deadline_ms) {
  const auto start = Clock::now();
  std::vector<std::string> diffs = compare_state(sim.state(), want);
  while (!diffs.empty() && elapsed_ms(start) < deadline_ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the poll's step, not a wait
    diffs = compare_state(sim.state(), want);
  }
  for (const auto& diff : diffs) BOOST_ERROR(fault_ << ": " << diff);
  return static_cast<int>(diffs.size());
}

void MatrixRow::print(long requests, const std::string& outcome, int lost) const {
  BOOST_TEST_MESSAGE("MATRIX | " << fault_ << " | " << requests << " | " << outcome << " | " << lost
                                 << " | " << slowest_destroy_ms_ << " ms |");
}

DesiredState post_during_fault(MatrixRow& row, const std::string& yaml, std::size_t& left,
                               std::vector<Delivery>& reports) {
  RecordingClient session(yaml);
  const DesiredState want = row.post(session);
  left = row.timed_flush(session, 1500);
  reports = session.deliveries();
  row.timed_close(session);
  return want;
}

int deliver_leftovers(MatrixRow& row, const ForgeSim& sim, const std::string& yaml,
                      const DesiredState& want) {
  RecordingClient session(yaml);
  const int lost = row.expect_state(sim, want);
  row.timed_close(session);
  return lost;
}

long sim_requests(const ForgeSim& sim) {
  return sim.stats()->getValue<long>("requests");
}

int count_outcome(RecordingClient& session, int outcome) {
  int count = 0;
  for (const auto& d : session.deliveries()) count += d.outcome == outcome ? 1 : 0;
  return count;
}

}  // namespace cib::test
