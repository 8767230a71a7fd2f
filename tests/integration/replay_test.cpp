// `cibatch replay` on the bundled traces against the simulator: cibatch sends exactly the
// request floor, and the host ends holding the trace's final desired state.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>
#include <fstream>

#include "child_process.h"
#include "forge_sim.h"
#include "sim_state.h"
#include "temp_dir.h"
#include "trace_floor.h"

namespace cib::test {
namespace {

const std::string kTraces = std::string(CIB_SOURCE_DIR) + "/tests/traces/";

std::string write_config(const TempDir& dir, const ForgeSim& sim) {
  const std::string path = dir.file("pipeline.yml");
  std::ofstream(path) << "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: "
                      << sim.api_url()
                      << "\n    auth: { type: bearer, token: \"replay-test-token\" }\n"
                      << "  spool: { path: \"" << dir.file("spool.db") << "\" }\n";
  return path;
}

struct Replay {
  Poco::JSON::Object::Ptr summary;
  int exit_code;
  std::string output;
};

Replay replay(const std::string& trace, const std::string& config, bool naive) {
  std::vector<std::string> argv{CIB_CLI_PATH, "replay", trace, "--config", config};
  if (naive) argv.push_back("--naive");
  Replay r;
  r.exit_code = run_command(argv, r.output);
  const auto last_brace = r.output.rfind("\n{");
  const std::string last = r.output.substr(last_brace == std::string::npos ? 0 : last_brace + 1);
  Poco::JSON::Parser parser;
  r.summary = parser.parse(last).extract<Poco::JSON::Object::Ptr>();
  return r;
}

void check_trace(const std::string& name, const std::string& report_put) {
  ForgeSimOptions options;
  options.report_put = report_put;
  ForgeSim sim(options);
  TempDir dir;
  const std::string trace = kTraces + name;
  const std::string config = write_config(dir, sim);
  const auto floor = bench::compute_trace_floor(trace, bench::FloorSettings{});

  const Replay batched = replay(trace, config, false);
  BOOST_TEST_INFO("replay output:\n" << batched.output);
  BOOST_TEST(batched.exit_code == 0);
  BOOST_TEST(batched.summary->getValue<long>("undelivered") == 0);
  BOOST_TEST(batched.summary->getValue<long>("calls") == floor.calls);
  BOOST_TEST(batched.summary->getValue<long>("requests") == floor.floor);
  BOOST_TEST(sim.stats()->getValue<long>("requests") == floor.floor);
  BOOST_TEST(sim.stats()->getValue<long>("invalid") == 0);
  const auto diffs = compare_state(sim.state(), desired_from_trace(trace));
  for (const auto& diff : diffs) BOOST_ERROR(diff);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(replay_traces)

BOOST_AUTO_TEST_CASE(pr_pipeline_costs_the_floor_when_a_put_drops_annotations) {
  check_trace("pr-pipeline.jsonl", "drop");
}

BOOST_AUTO_TEST_CASE(pr_pipeline_costs_the_floor_when_a_put_keeps_annotations) {
  check_trace("pr-pipeline.jsonl", "keep");
}

BOOST_AUTO_TEST_CASE(flapping_key_costs_the_floor) {
  check_trace("flapping.jsonl", "drop");
}

BOOST_AUTO_TEST_CASE(naive_replay_sends_one_request_per_call_and_finding) {
  ForgeSim sim;
  TempDir dir;
  const std::string trace = kTraces + "pr-pipeline.jsonl";
  const auto floor = bench::compute_trace_floor(trace, bench::FloorSettings{});
  const Replay naive = replay(trace, write_config(dir, sim), true);
  BOOST_TEST_INFO("replay output:\n" << naive.output);
  BOOST_TEST(naive.exit_code == 0);
  BOOST_TEST(naive.summary->getValue<long>("requests") == floor.naive);
  BOOST_TEST(sim.stats()->getValue<long>("invalid") == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
