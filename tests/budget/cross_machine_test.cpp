// Issue 4, item 5: with budget.shared, agents on two machines (each with its own spool and
// budget file) share what the spool knows through Redis: the pipeline replayed on machine A and
// then again on machine B costs B no request, and no keyed comment is created twice.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>

#include "budget_traces.h"
#include "final_states.h"
#include "forge_sim.h"
#include "redis_server.h"
#include "replay_fleet.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

constexpr std::size_t kAnnotationCap = 1000;
constexpr auto kRunTimeout = std::chrono::seconds(120);

std::string machine_config(const TempDir& dir, const ForgeSim& sim, const RedisServer& redis,
                           const std::string& machine) {
  AgentConfig config;
  config.spool_path = dir.file(machine + "-spool.db");
  config.budget_path = dir.file(machine + "-budget.db");
  config.shared = redis.url();
  config.limit = 1000;
  config.window_s = 3600;
  config.reserve = 100;
  const std::string path = dir.file(machine + ".yml");
  write_text(path, agent_yaml(sim, config));
  return path;
}

ReplayOutcome replay_on(const std::string& machine, const std::string& trace,
                        const std::string& config) {
  ReplayFleet fleet;
  // Compressed time: each slot's final content is what counts, so the second run holds exactly
  // what the host already holds.
  fleet.start(machine, trace, config, {"--time-scale", "0.001"});
  return fleet.finish(kRunTimeout).at(0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cross_machine)

BOOST_AUTO_TEST_CASE(a_rerun_on_another_machine_sends_nothing_and_duplicates_no_comment) {
  ForgeSim sim;
  RedisServer redis;
  TempDir dir;
  const std::string trace = std::string(CIB_SOURCE_DIR) + "/tests/traces/pr-pipeline.jsonl";
  const ReplayOutcome first = replay_on("machine-a", trace, machine_config(dir, sim, redis, "a"));
  BOOST_TEST_INFO(first.output.substr(0, 1500));
  BOOST_TEST_REQUIRE(first.exit_code == 0);
  BOOST_TEST(first.count("requests") > 0);
  BOOST_TEST(first.count("undelivered") == 0);

  const ReplayOutcome second = replay_on("machine-b", trace, machine_config(dir, sim, redis, "b"));
  BOOST_TEST_INFO(second.output.substr(0, 1500));
  BOOST_TEST_REQUIRE(second.exit_code == 0);
  BOOST_TEST_MESSAGE("requests: machine A " << first.count("requests") << ", machine B "
                                            << second.count("requests"));
  BOOST_TEST(second.count("requests") == 0);
  BOOST_TEST(second.count("undelivered") == 0);

  const FinalStateTally tally =
      check_final_states(final_states_of_trace(trace), sim.state(), kAnnotationCap);
  BOOST_TEST(tally.delivered == tally.expected);
  for (const std::string& problem : tally.problems) BOOST_TEST_MESSAGE(problem);
  BOOST_TEST(tally.problems.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
