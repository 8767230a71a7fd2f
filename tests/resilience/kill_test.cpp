// SIGKILL during a replay, then `cibatch drain`: with spool.sync: always nothing that returned
// is lost, nothing older overwrites something newer, and no comment is created twice; with
// spool.sync: batch the same holds for gating posts (a first status, a terminal state).
//
// Each of the 30 points draws, from a fixed seed printed in the log, after how many returned
// posts the replay dies and, for two points in three, which request the simulator holds for a
// while, so that many kills fall while a request is in flight.
#include <boost/test/unit_test.hpp>
#include <iostream>
#include <random>

#include "kill_point.h"
#include "kill_verdict.h"
#include "spool_setup.h"
#include "trace_slots.h"

namespace cib::test {
namespace {

constexpr unsigned kSeed = 20240611;
constexpr int kPoints = 30;
constexpr int kSlowMs = 400;
constexpr int kSlowRequests = 12;  // a held request is one of the first 12
constexpr std::size_t kMaxProblemsShown = 25;

std::vector<KillPlan> draw_plans(const std::string& sync, std::size_t posts) {
  std::mt19937 rng(kSeed);
  std::vector<KillPlan> plans;
  for (int point = 1; point <= kPoints; ++point) {
    KillPlan plan;
    plan.point = point;
    plan.sync = sync;
    plan.kill_after = 1 + rng() % posts;
    if (rng() % 3 != 0) {
      plan.slow_request = 1 + static_cast<int>(rng() % kSlowRequests);
      plan.slow_ms = kSlowMs;
    }
    plans.push_back(plan);
  }
  return plans;
}

KillTally run_kill_test(const std::string& sync, bool gating_only) {
  const std::string trace = trace_path("pr-pipeline.jsonl");
  const TraceSlots slots(trace);
  BOOST_TEST_MESSAGE("kill-test sync=" << sync << " seed=" << kSeed << " points=" << kPoints
                                       << " posts=" << slots.post_count());
  KillTally tally;
  for (const KillPlan& plan : draw_plans(sync, slots.post_count())) {
    const KillOutcome outcome = run_kill_point(plan, trace);
    judge_kill_point(slots, plan, outcome, gating_only, tally);
    BOOST_TEST_MESSAGE("point " << plan.point << ": kill after " << plan.kill_after << " returned ("
                                << outcome.returned_lines.size() << " read), slow "
                                << plan.slow_request << ", in flight " << outcome.in_flight
                                << ", drain exit " << outcome.drain_exit << ", "
                                << outcome.requests.size() << " requests"
                                << (outcome.settled ? "" : ", log not settled"));
  }
  const std::string summary = summary_line(sync, kSeed, tally);
  std::cout << summary << std::endl;
  BOOST_TEST_MESSAGE(summary);
  for (std::size_t i = 0; i < tally.problems.size() && i < kMaxProblemsShown; ++i) {
    BOOST_TEST_MESSAGE(tally.problems[i]);
  }
  if (tally.problems.size() > kMaxProblemsShown) {
    BOOST_TEST_MESSAGE("... and " << tally.problems.size() - kMaxProblemsShown << " more");
  }
  BOOST_TEST(tally.kills == kPoints, "not every replay was killed: " << summary);
  BOOST_TEST(tally.drains_failed == 0, "cibatch drain failed: " << summary);
  BOOST_TEST(tally.lost == 0, "returned posts were lost: " << summary);
  BOOST_TEST(tally.stale == 0, "older content was sent after newer: " << summary);
  BOOST_TEST(tally.duplicates == 0, "a comment key was created twice: " << summary);
  return tally;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kill)

BOOST_AUTO_TEST_CASE(sync_always_loses_no_returned_post_across_a_kill) {
  run_kill_test("always", false);
}

BOOST_AUTO_TEST_CASE(sync_batch_loses_no_returned_gating_post_across_a_kill) {
  run_kill_test("batch", true);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
