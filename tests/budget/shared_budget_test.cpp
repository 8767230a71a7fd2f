// Issue 4, 7 (a)-(c): CI agents that share one account spend one budget. Real `cibatch replay`
// processes, each with its own spool, post more work than one window of the simulator's rate
// limit holds; the host must never answer 429, must end holding every slot's newest content,
// and must never see more requests in one window than the budget allows (limit - reserve).
// (a) eight agents on one machine share a budget file; (b) two machines of four agents, each
// machine with its own budget file, share through a real redis-server; (c) as (b), with Redis
// killed mid-run and started again empty.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "budget_traces.h"
#include "final_states.h"
#include "forge_sim.h"
#include "redis_server.h"
#include "replay_fleet.h"
#include "temp_dir.h"
#include "window_check.h"

namespace cib::test {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kLimit = 40;
constexpr int kWindowS = 20;
constexpr int kReserve = 4;
constexpr std::size_t kMaxInWindow = kLimit - kReserve;
constexpr std::size_t kAnnotationCap = 1000;  // Bitbucket Cloud's per report
constexpr auto kRunTimeout = std::chrono::seconds(300);
constexpr auto kPollEvery = std::chrono::milliseconds(100);
constexpr auto kRedisDownFor = std::chrono::seconds(3);
constexpr std::size_t kMaxShown = 20;

struct Scenario {
  int machines = 1;
  int agents_per_machine = 8;
  bool redis = false;
  bool kill_redis = false;
  std::size_t max_in_window = kMaxInWindow;
};

struct Agent {
  std::string name, trace, config;
  std::vector<ExpectedSlot> expected;
};

std::vector<Agent> prepare_agents(const Scenario& s, const ForgeSim& sim, const TempDir& dir,
                                  const RedisServer* redis) {
  std::vector<Agent> agents;
  for (int m = 0; m < s.machines; ++m) {
    const std::string machine = "m" + std::to_string(m + 1);
    for (int a = 0; a < s.agents_per_machine; ++a) {
      const int number = m * s.agents_per_machine + a + 1;
      Agent agent;
      agent.name = machine + "-agent" + std::to_string(number);
      agent.trace = dir.file(agent.name + ".jsonl");
      write_text(agent.trace, agent_trace(number));
      agent.expected = final_states_of_trace(agent.trace);
      AgentConfig config;
      config.spool_path = dir.file(agent.name + "-spool.db");
      config.budget_path = dir.file(machine + "-budget.db");
      config.limit = kLimit;
      config.window_s = kWindowS;
      config.reserve = kReserve;
      if (redis != nullptr) config.shared = redis->url();
      agent.config = dir.file(agent.name + ".yml");
      write_text(agent.config, agent_yaml(sim, config));
      agents.push_back(std::move(agent));
    }
  }
  return agents;
}

long long sim_requests(const ForgeSim& sim) {
  return sim.stats()->optValue<long long>("requests", 0);
}

// Kills Redis once the host has logged `at` requests, keeps it down kRedisDownFor, then starts
// it again, empty; reads the agents' output all the while.
void kill_redis_mid_run(ReplayFleet& fleet, const ForgeSim& sim, RedisServer& redis, long long at) {
  const auto deadline = Clock::now() + kRunTimeout;
  while (sim_requests(sim) < at) {
    if (fleet.pump(kPollEvery)) BOOST_FAIL("every agent finished before Redis was killed");
    if (Clock::now() >= deadline) BOOST_FAIL("the host never logged " << at << " requests");
  }
  redis.kill();
  const long long killed_at = sim_requests(sim);
  const auto back_at = Clock::now() + kRedisDownFor;
  while (Clock::now() < back_at) fleet.pump(kPollEvery);
  const long long restarted_at = sim_requests(sim);
  redis.start();
  BOOST_TEST_MESSAGE("redis killed after " << killed_at << " requests, started again (empty) after "
                                           << restarted_at);
}

void report_outcomes(const std::vector<ReplayOutcome>& outcomes) {
  for (const ReplayOutcome& o : outcomes) {
    const bool clean =
        o.exit_code == 0 && o.count("rate_limited") == 0 && o.count("undelivered") == 0;
    BOOST_TEST(clean, o.name << ": exit " << o.exit_code << ", rate_limited "
                             << o.count("rate_limited") << ", undelivered "
                             << o.count("undelivered") << "; output: " << o.output.substr(0, 1500));
  }
}

// What the host saw and holds after a run, and what the agents said.
struct RunFigures {
  WindowPeak peak;
  std::size_t answered_429 = 0;
  long long host_rate_limited = 0;
  std::size_t requests = 0;
  FinalStateTally tally;
};

RunFigures measure(const ForgeSim& sim, const std::vector<Agent>& agents) {
  RunFigures f;
  const std::vector<LoggedRequest> log = logged_requests(sim.requests());
  f.peak = busiest_window(log, "", kWindowS * 1000LL);
  f.answered_429 = count_status(log, 429);
  f.host_rate_limited = sim.stats()->optValue<long long>("rate_limited", 0);
  f.requests = log.size();
  const auto state = sim.state();
  for (const Agent& a : agents) {
    merge_tally(f.tally, check_final_states(a.expected, state, kAnnotationCap));
  }
  return f;
}

void print_figures(const Scenario& s, const RunFigures& f,
                   const std::vector<ReplayOutcome>& outcomes, std::size_t floor, double wall_s) {
  BOOST_TEST_MESSAGE("agents " << outcomes.size() << " on " << s.machines << " machine(s)"
                               << (s.redis ? ", shared through Redis" : "")
                               << (s.kill_redis ? " (killed mid-run)" : ""));
  BOOST_TEST_MESSAGE("max requests in any " << kWindowS << " s window: " << f.peak.count
                                            << " (allowed " << s.max_in_window << ", starting at "
                                            << f.peak.start_ms << " ms)");
  BOOST_TEST_MESSAGE("429 answers: " << f.answered_429 << " in the log, " << f.host_rate_limited
                                     << " counted by the host, " << total(outcomes, "rate_limited")
                                     << " seen by the agents");
  BOOST_TEST_MESSAGE("final states delivered: " << f.tally.delivered << "/" << f.tally.expected);
  BOOST_TEST_MESSAGE("requests: " << f.requests << " logged by the host, "
                                  << total(outcomes, "requests") << " counted by the agents, "
                                  << "floor " << floor << ", calls " << total(outcomes, "calls"));
  BOOST_TEST_MESSAGE("wall time: " << wall_s << " s");
  for (std::size_t i = 0; i < f.tally.problems.size() && i < kMaxShown; ++i) {
    BOOST_TEST_MESSAGE(f.tally.problems[i]);
  }
}

void run_scenario(const Scenario& s) {
  ForgeSimOptions options;
  options.rate_limit = kLimit;
  options.rate_window_s = kWindowS;
  ForgeSim sim(options);
  TempDir dir("cibatch-budget");
  std::unique_ptr<RedisServer> redis;
  if (s.redis) redis = std::make_unique<RedisServer>();
  const std::vector<Agent> agents = prepare_agents(s, sim, dir, redis.get());
  const std::size_t floor = agents.size() * kAgentTraceFloor;
  BOOST_REQUIRE_GT(agents.size() * kAgentTraceMinRequests, kMaxInWindow);

  const auto started = Clock::now();
  ReplayFleet fleet;
  for (const Agent& a : agents) fleet.start(a.name, a.trace, a.config);
  if (s.kill_redis) kill_redis_mid_run(fleet, sim, *redis, static_cast<long long>(floor / 3));
  const std::vector<ReplayOutcome> outcomes = fleet.finish(kRunTimeout);
  const double wall_s = std::chrono::duration<double>(Clock::now() - started).count();
  const RunFigures f = measure(sim, agents);
  print_figures(s, f, outcomes, floor, wall_s);

  report_outcomes(outcomes);
  BOOST_TEST(f.answered_429 == 0u);
  BOOST_TEST(f.host_rate_limited == 0);
  BOOST_TEST(f.peak.count <= s.max_in_window, f.peak.count << " requests within " << kWindowS
                                                           << " s from " << f.peak.start_ms
                                                           << " ms");
  BOOST_TEST(f.tally.delivered == f.tally.expected);
  // More work than one window holds, or the test proves nothing about sharing.
  BOOST_TEST(f.requests > kMaxInWindow, "only " << f.requests << " requests: one window");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shared_budget)

BOOST_AUTO_TEST_CASE(eight_agents_on_one_machine_never_trip_the_shared_limit) {
  run_scenario({1, 8, false, false});
}

BOOST_AUTO_TEST_CASE(two_machines_sharing_through_redis_never_trip_the_shared_limit) {
  run_scenario({2, 4, true, false});
}

BOOST_AUTO_TEST_CASE(redis_killed_and_restarted_empty_loses_nothing_and_trips_nothing) {
  run_scenario({2, 4, true, true});
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
