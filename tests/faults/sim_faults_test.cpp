// The rows of the fault matrix that forge-sim's own faults play (tests/forge-sim/README.md).
// A row posts two versions of a status, a keyed comment and a report; once the sim's schedule
// of faults is spent, the host must hold the newest of each (or the client must have said, in
// one FAILED delivery report with the host's message, that a refused one never will be).
// Without faults the six requests are: 1 status POST, 2 comment list, 3 comment POST, 4 report
// GET (404), 5 report PUT, 6 annotations POST.
#include <boost/test/unit_test.hpp>
#include <functional>

#include "matrix_row.h"

namespace cib::test {
namespace {

struct RowRun {
  std::vector<Delivery> deliveries;
  std::vector<Poco::JSON::Object::Ptr> log;
};

struct RowPlan {
  RowPlan(std::string l, std::string f, int p = kAll)
      : label(std::move(l)), faults(std::move(f)), parts(p) {}

  std::string label;
  std::string faults;
  int parts = kAll;
  int first_flush_ms = 0;                   // > 0: a flush while the faults still play
  std::function<void(ForgeSim&)> prepare;   // what the host holds before the client starts
  std::function<void(DesiredState&)> keep;  // removes what the host may refuse for good
};

std::string outcome_of(const RowRun& run, const std::string& stats) {
  int delivered = 0, failed = 0;
  for (const auto& d : run.deliveries) {
    delivered += d.outcome == CIB_OUTCOME_DELIVERED ? 1 : 0;
    failed += d.outcome == CIB_OUTCOME_FAILED ? 1 : 0;
  }
  return std::to_string(delivered) + " delivered, " + std::to_string(failed) + " failed, " +
         std::to_string(json_number(stats, "retries")) + " retries";
}

RowRun run_row(const RowPlan& plan) {
  MatrixRow row(plan.label);
  ForgeSim sim;
  if (plan.prepare) plan.prepare(sim);
  const long before = sim_requests(sim);
  sim.set_faults(plan.faults);  // counts from here
  RecordingClient session(row.yaml(sim.api_url()));
  DesiredState want = row.post(session, plan.parts);
  if (plan.first_flush_ms > 0) row.timed_flush(session, plan.first_flush_ms);
  BOOST_TEST(row.timed_flush(session, 30000) == 0u, plan.label << ": updates left");
  if (plan.keep) plan.keep(want);
  const int lost = row.expect_state(sim, want);
  auto log = sim.requests();
  log.erase(log.begin(), log.begin() + before);
  RowRun run{session.deliveries(), log};
  const std::string outcome = outcome_of(run, session.stats());
  row.timed_close(session);
  row.print(sim_requests(sim) - before, outcome, lost);
  return run;
}

int failed_reports(const RowRun& run) {
  int failed = 0;
  for (const auto& d : run.deliveries) failed += d.outcome == CIB_OUTCOME_FAILED ? 1 : 0;
  return failed;
}

long gap_after_first_ms(const RowRun& run) {
  BOOST_REQUIRE(run.log.size() >= 2u);
  return run.log[1]->getValue<long>("t_ms") - run.log[0]->getValue<long>("t_ms");
}

// The report "sast" exists on the host (another client, with its own spool, made it), so the
// client's GET of it answers 200.
void put_report(ForgeSim& sim) {
  MatrixRow setup("setup");
  RecordingClient other(setup.yaml(sim.api_url()));
  setup.post(other, kReport);
  BOOST_REQUIRE(other.flush(0, 10000) == CIB_OK);
}

// `fault` (a forge-sim fault that applies the request, then spoils a 2xx answer) on the comment
// list, on the comment create (the comment exists, its id is unknown) and on the report's GET.
void spoilt_answers(const std::string& row, const std::string& fault) {
  const auto failed = [](const RowRun& run) { BOOST_TEST(failed_reports(run) == 0); };
  failed(run_row(RowPlan{row + ": comment list (" + fault + "@1)", fault + "@1", kComment}));
  failed(run_row(RowPlan{row + ": comment create (" + fault + "@2)", fault + "@2", kComment}));
  RowPlan report{row + ": report GET (" + fault + "@1)", fault + "@1", kReport};
  report.prepare = put_report;
  failed(run_row(report));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sim_faults)

BOOST_AUTO_TEST_CASE(a_burst_of_5xx_is_retried_until_delivered) {
  const auto run =
      run_row(RowPlan{"5xx bursts (500x3@1, 502x2@5, 503x2@9)", "500x3@1,502x2@5,503x2@9"});
  BOOST_TEST(failed_reports(run) == 0);
}

BOOST_AUTO_TEST_CASE(a_connection_reset_mid_request_is_retried) {
  const auto run = run_row(RowPlan{"reset mid-request (drop-before@1,3,6)",
                                   "drop-before@1,drop-before@3,drop-before@6"});
  BOOST_TEST(failed_reports(run) == 0);
}

BOOST_AUTO_TEST_CASE(a_connection_reset_mid_response_duplicates_nothing) {
  const auto run =
      run_row(RowPlan{"reset mid-response (cut-body@1,3,6)", "cut-body@1,cut-body@3,cut-body@6"});
  BOOST_TEST(failed_reports(run) == 0);
}

BOOST_AUTO_TEST_CASE(answers_slower_than_the_read_timeout_are_retried) {
  RowPlan plan{"slow answers (slow=2500@1,3 > read_timeout_ms 1000)", "slow=2500@1,slow=2500@3"};
  plan.first_flush_ms = 300;  // returns by its timeout while a request hangs
  const auto run = run_row(plan);
  BOOST_TEST(failed_reports(run) == 0);
}

BOOST_AUTO_TEST_CASE(bad_bodies_on_a_200_are_retried_not_taken_for_a_refusal) {
  spoilt_answers("bad body", "truncated");
  spoilt_answers("bad body", "not-json");
}

BOOST_AUTO_TEST_CASE(a_200_of_an_unexpected_shape_is_retried) {
  spoilt_answers("wrong shape", "wrong-shape");
}

BOOST_AUTO_TEST_CASE(a_401_pauses_for_auth_recheck_ms_then_delivers) {
  const auto run = run_row(RowPlan{"401 (401x2@1, auth_recheck_ms 200)", "401x2@1"});
  BOOST_TEST(failed_reports(run) == 0);
  BOOST_TEST(gap_after_first_ms(run) >= 150);
}

BOOST_AUTO_TEST_CASE(refusals_are_not_retried_and_reported_once_with_the_hosts_message) {
  for (const int code : {403, 404, 410, 413, 422}) {
    const std::string spec = std::to_string(code) + "@1";  // the status POST
    RowPlan plan{"refusal " + spec, spec};
    plan.keep = [](DesiredState& want) { want.statuses.clear(); };
    const auto run = run_row(plan);
    int status_posts = 0;
    for (const auto& r : run.log) {
      status_posts += r->getValue<std::string>("target").find("/statuses/") != std::string::npos;
    }
    BOOST_TEST(status_posts == 1, spec << ": the refused status was sent again");
    BOOST_TEST(failed_reports(run) == 1, spec);
    for (const auto& d : run.deliveries) {
      if (d.outcome != CIB_OUTCOME_FAILED) continue;
      BOOST_TEST(d.key == "build");
      BOOST_TEST(d.http_status == code);
      BOOST_TEST(d.message.find("Injected " + std::to_string(code)) != std::string::npos,
                 d.message);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_429_waits_as_the_host_asks_with_or_without_retry_after) {
  const auto seconds = run_row(RowPlan{"429 Retry-After: 1 (429@1)", "429@1"});
  BOOST_TEST(gap_after_first_ms(seconds) >= 900);
  const auto bare = run_row(RowPlan{"429 without Retry-After (429-bare@1)", "429-bare@1"});
  BOOST_TEST(failed_reports(bare) == 0);
  BOOST_TEST_MESSAGE("429 without Retry-After: next request after " << gap_after_first_ms(bare)
                                                                    << " ms");
  const auto dated = run_row(RowPlan{"429 Retry-After: HTTP date (429-date@1)", "429-date@1"});
  BOOST_TEST(gap_after_first_ms(dated) >= 1500);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
