// Issue 4, 7 (d): a report big enough to exhaust the window must not hold back a new stage's
// first INPROGRESS posted after it. One `cibatch replay` on a tight budget (12 requests per 4 s,
// 2 reserved) posts a 1,500-finding report (Bitbucket Cloud keeps 1,000: one PUT and ten
// annotation chunks of 100), then a stage's INPROGRESS and later its SUCCESSFUL. The host must
// receive the stage's status before the report's last chunks, hold every final state, and never
// answer 429.
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "budget_traces.h"
#include "final_states.h"
#include "forge_sim.h"
#include "replay_fleet.h"
#include "send_order.h"
#include "temp_dir.h"
#include "window_check.h"

namespace cib::test {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kLimit = 12;
constexpr int kWindowS = 4;
constexpr int kReserve = 2;
constexpr int kFindings = 1500;
constexpr std::size_t kAnnotationCap = 1000;
constexpr int kReportLeadMs = 1500;  // the report's first chunks are out when the stage starts
constexpr int kStageHoldMs = 2000;
const std::string kStage = "deploy";
constexpr auto kRunTimeout = std::chrono::seconds(120);

}  // namespace

BOOST_AUTO_TEST_SUITE(report_priority)

BOOST_AUTO_TEST_CASE(a_new_stage_status_overtakes_the_rest_of_a_big_report) {
  ForgeSimOptions options;
  options.rate_limit = kLimit;
  options.rate_window_s = kWindowS;
  ForgeSim sim(options);
  TempDir dir("cibatch-budget-order");
  const std::string trace = dir.file("big-report.jsonl");
  write_text(trace, big_report_trace(kFindings, kStage, kReportLeadMs, kStageHoldMs));
  AgentConfig config;
  config.spool_path = dir.file("spool.db");
  config.budget_path = dir.file("budget.db");
  config.limit = kLimit;
  config.window_s = kWindowS;
  config.reserve = kReserve;
  const std::string yaml = dir.file("cibatch.yml");
  write_text(yaml, agent_yaml(sim, config));

  const auto started = Clock::now();
  ReplayFleet fleet;
  fleet.start("agent", trace, yaml);
  const std::vector<ReplayOutcome> outcomes = fleet.finish(kRunTimeout);
  const double wall_s = std::chrono::duration<double>(Clock::now() - started).count();

  const std::vector<LoggedRequest> log = logged_requests(sim.requests());
  BOOST_TEST_MESSAGE("order of sends:" << order_of_sends(log));
  const StatusAmongChunks where = status_among_chunks(log, kStage);
  const FinalStateTally tally =
      check_final_states(final_states_of_trace(trace), sim.state(), kAnnotationCap);
  const WindowPeak peak = busiest_window(log, "", kWindowS * 1000LL);
  const long long sim_rate_limited = sim.stats()->optValue<long long>("rate_limited", 0);
  BOOST_TEST_MESSAGE("annotation chunks after the stage's first status: "
                     << where.chunks_after << " of " << where.chunks);
  BOOST_TEST_MESSAGE("final states delivered: " << tally.delivered << "/" << tally.expected
                                                << "; max requests in any " << kWindowS
                                                << " s window: " << peak.count
                                                << "; 429 answers: " << count_status(log, 429)
                                                << "; wall time: " << wall_s << " s");
  for (const std::string& problem : tally.problems) BOOST_TEST_MESSAGE(problem);

  BOOST_REQUIRE_EQUAL(outcomes.size(), 1u);
  const ReplayOutcome& replay = outcomes.front();
  BOOST_TEST(replay.exit_code == 0,
             "exit " << replay.exit_code << ": " << replay.output.substr(0, 1500));
  BOOST_TEST(replay.count("rate_limited") == 0);
  BOOST_TEST(replay.count("undelivered") == 0);
  BOOST_TEST(count_status(log, 429) == 0u);
  BOOST_TEST(sim_rate_limited == 0);
  BOOST_TEST(tally.delivered == tally.expected);
  BOOST_TEST(where.first_status.has_value(), "the host never received a status of " << kStage);
  BOOST_TEST(where.chunks_after >= 1u,
             "every annotation chunk went before the stage's first status");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
