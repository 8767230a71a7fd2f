// bench-naive against the simulator: the baseline sends one request per call and per finding,
// sends a call again when the host asks it to, and shows no credential when a call fails.
#define BOOST_TEST_MODULE integration_bench_naive
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "child_process.h"
#include "forge_sim.h"
#include "report_threads.h"
#include "temp_dir.h"
#include "trace_floor.h"
#include "trace_reader.h"

namespace cib::test {
namespace {

const std::string kToken = "naive-test-token-4f1c";
const std::string kCommit = "0123456789abcdef0123456789abcdef01234567";

const std::string kBearer = "    auth: { type: bearer, token: \"" + kToken + "\" }\n";

std::string write_config(const TempDir& dir, const ForgeSim& sim,
                         const std::string& kind = "bitbucket-cloud",
                         const std::string& auth = kBearer) {
  const std::string path = dir.file("pipeline.yml");
  std::ofstream(path) << "cibatch:\n  host:\n    kind: " << kind
                      << "\n    api_url: " << sim.api_url() << "\n"
                      << auth << "  transport: { retry_base_ms: 10 }\n";
  return path;
}

// A GitHub App of a key pair made for this test: the simulator checks the App's JWT with the
// public key, bench-naive signs it with the private one.
constexpr const char* kAppId = "4242";

ForgeSimOptions github_app_sim(const TempDir& dir) {
  std::string output;
  const std::string key = dir.file("app.pem");
  const std::string public_key = dir.file("app.pub.pem");
  if (run_command({"openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                   "-out", key},
                  output) != 0 ||
      run_command({"openssl", "pkey", "-in", key, "-pubout", "-out", public_key}, output) != 0) {
    throw std::runtime_error("cannot make the App's key pair: " + output);
  }
  ForgeSimOptions options;
  options.host = "github";
  options.extra_args = {"--github-app-id", kAppId, "--github-app-public-key", public_key};
  return options;
}

std::string github_app_auth(const TempDir& dir) {
  return std::string("    auth:\n      type: github-app\n      app_id: ") + kAppId +
         "\n      installation_id: 77\n      private_key_file: \"" + dir.file("app.pem") + "\"\n";
}

// A status, then a report with two findings: four requests when nothing goes wrong.
std::string write_small_trace(const TempDir& dir) {
  const std::string path = dir.file("small.jsonl");
  std::ofstream(path)
      << R"({"op":"status","repo":"acme/web","commit":"0123456789abcdef0123456789abcdef01234567",)"
      << R"("key":"build","state":"SUCCESSFUL","name":"Build"})"
      << "\n"
      << R"({"op":"report","repo":"acme/web","commit":"0123456789abcdef0123456789abcdef01234567",)"
      << R"("id":"lint","title":"Lint","result":"FAILED","annotations":[)"
      << R"({"id":"a1","path":"a.c","line":1,"severity":"HIGH","type":"BUG","summary":"one"},)"
      << R"({"id":"a2","path":"b.c","line":2,"severity":"LOW","type":"CODE_SMELL","summary":"two"}]})"
      << "\n";
  return path;
}

// A status op on one line: something that would be sent if the trace were not refused.
std::string write_small_trace_line() {
  return std::string(R"({"op":"status","repo":"acme/web","commit":")") + kCommit +
         R"(","key":"build","state":"SUCCESSFUL"})" + "\n";
}

struct Run {
  int exit_code = 0;
  std::string output;
  Poco::JSON::Object::Ptr summary;
};

Run bench_naive(const std::string& trace, const std::string& config) {
  Run r;
  r.exit_code = run_command({CIB_BENCH_NAIVE_PATH, trace, "--config", config}, r.output);
  const auto last_brace = r.output.rfind("\n{");
  const std::string last = r.output.substr(last_brace == std::string::npos ? 0 : last_brace + 1);
  Poco::JSON::Parser parser;
  r.summary = parser.parse(last).extract<Poco::JSON::Object::Ptr>();
  return r;
}

long field(const Run& r, const std::string& name) {
  return r.summary->getValue<long>(name);
}

ForgeSimOptions with_faults(const std::string& faults) {
  ForgeSimOptions options;
  options.faults = faults;
  return options;
}

// The small trace, replayed against a simulator with `faults` planned.
struct SmallRun {
  explicit SmallRun(const std::string& faults)
      : sim(with_faults(faults)),
        run(bench_naive(write_small_trace(dir), write_config(dir, sim))) {}
  ForgeSim sim;
  TempDir dir;
  Run run;
};

BOOST_AUTO_TEST_CASE(pr_pipeline_costs_one_request_per_call_and_finding) {
  ForgeSim sim;
  TempDir dir;
  const std::string trace = std::string(CIB_SOURCE_DIR) + "/tests/traces/pr-pipeline.jsonl";
  const auto floor = bench::compute_trace_floor(trace, bench::FloorSettings{});
  const Run run = bench_naive(trace, write_config(dir, sim));
  BOOST_TEST_INFO("bench-naive output:\n" << run.output);
  BOOST_TEST(run.exit_code == 0);
  BOOST_TEST(field(run, "calls") == floor.calls);
  BOOST_TEST(field(run, "requests") == floor.naive);
  BOOST_TEST(field(run, "undelivered") == 0);
  BOOST_TEST(sim.stats()->getValue<long>("requests") == floor.naive);
  BOOST_TEST(sim.stats()->getValue<long>("invalid") == 0);
}

// On GitLab a plugin without cibatch posts one note per call, a report (Sonar's too) on its
// commit's merge request, which the simulator is told as the floor model places it.
void check_gitlab_baseline(const std::string& name) {
  ForgeSimOptions options;
  options.host = "gitlab";
  ForgeSim sim(options);
  TempDir dir;
  const std::string trace = std::string(CIB_SOURCE_DIR) + "/tests/traces/" + name;
  for (const auto& [commit, pr] : bench::report_threads(trace::read_trace_file(trace))) {
    sim.control("POST", "/_sim/gitlab/merge_requests",
                R"({"repo":")" + commit.first + R"(","sha":")" + commit.second + R"(","iid":)" +
                    std::to_string(pr) + "}");
  }
  bench::FloorSettings settings;
  settings.host = "gitlab";
  const auto floor = bench::compute_trace_floor(trace, settings);
  const Run run = bench_naive(trace, write_config(dir, sim, "gitlab"));
  BOOST_TEST_INFO("bench-naive output:\n" << run.output);
  BOOST_TEST(run.exit_code == 0);
  BOOST_TEST(field(run, "requests") == floor.calls);
  BOOST_TEST(field(run, "requests") == floor.naive);
  BOOST_TEST(sim.stats()->getValue<long>("requests") == floor.naive);
  BOOST_TEST(sim.stats()->getValue<long>("invalid") == 0);
  BOOST_TEST(field(run, "undelivered") == 0);
}

BOOST_AUTO_TEST_CASE(pr_pipeline_on_gitlab_costs_one_note_or_status_per_call) {
  check_gitlab_baseline("pr-pipeline.jsonl");
}

BOOST_AUTO_TEST_CASE(sonar_reanalysis_on_gitlab_posts_a_new_note_per_analysis) {
  check_gitlab_baseline("sonar-reanalysis.jsonl");
}

// The host's requests of a run: every one the simulator saw but a GitHub App's token exchanges,
// which neither the library nor the baseline counts.
long host_requests(const ForgeSim& sim) {
  long exchanges = 0;
  for (const Poco::JSON::Object::Ptr& request : sim.requests()) {
    const std::string target = request->getValue<std::string>("target");
    exchanges += target.find("/access_tokens") != std::string::npos ? 1 : 0;
  }
  return sim.stats()->getValue<long>("requests") - exchanges;
}

// Bitbucket Data Center and GitHub (an App's check runs): bench-naive sends what trace-floor's
// naive model counts, and the simulator takes every request as the host's API describes it.
void check_baseline(const std::string& host, const std::string& name) {
  TempDir dir;
  const bool github = host == "github";
  ForgeSimOptions options = github ? github_app_sim(dir) : ForgeSimOptions{};
  options.host = host;
  ForgeSim sim(options);
  const std::string trace = std::string(CIB_SOURCE_DIR) + "/tests/traces/" + name;
  bench::FloorSettings settings;
  settings.host = host;
  const auto floor = bench::compute_trace_floor(trace, settings);
  const Run run =
      bench_naive(trace, write_config(dir, sim, host, github ? github_app_auth(dir) : kBearer));
  BOOST_TEST_INFO("bench-naive output:\n" << run.output);
  BOOST_TEST(run.exit_code == 0);
  BOOST_TEST(field(run, "calls") == floor.calls);
  BOOST_TEST(field(run, "requests") == floor.naive);
  BOOST_TEST(host_requests(sim) == floor.naive);
  BOOST_TEST(sim.stats()->getValue<long>("invalid") == 0);
  BOOST_TEST(field(run, "undelivered") == 0);
}

BOOST_AUTO_TEST_CASE(pr_pipeline_on_data_center_costs_what_the_naive_model_counts) {
  check_baseline("bitbucket-dc", "pr-pipeline.jsonl");
}

BOOST_AUTO_TEST_CASE(sonar_reanalysis_on_data_center_recreates_each_report) {
  check_baseline("bitbucket-dc", "sonar-reanalysis.jsonl");
}

BOOST_AUTO_TEST_CASE(pr_pipeline_on_github_costs_what_the_naive_model_counts) {
  check_baseline("github", "pr-pipeline.jsonl");
}

BOOST_AUTO_TEST_CASE(sonar_reanalysis_on_github_creates_a_new_check_run_per_analysis) {
  check_baseline("github", "sonar-reanalysis.jsonl");
}

// Three analyses of one commit: each deletes the report, puts it and posts its 300 (then 290)
// findings in 3 bulk requests, whatever changed; the simulator ends with the third.
BOOST_AUTO_TEST_CASE(sonar_reanalysis_recreates_the_report_every_time) {
  ForgeSim sim;
  TempDir dir;
  const std::string trace = std::string(CIB_SOURCE_DIR) + "/tests/traces/sonar-reanalysis.jsonl";
  const auto floor = bench::compute_trace_floor(trace, bench::FloorSettings{});
  const Run run = bench_naive(trace, write_config(dir, sim));
  BOOST_TEST_INFO("bench-naive output:\n" << run.output);
  BOOST_TEST(run.exit_code == 0);
  BOOST_TEST(field(run, "calls") == 3);
  BOOST_TEST(field(run, "requests") == floor.naive);
  BOOST_TEST(field(run, "requests") == 3 * (2 + 3));
  BOOST_TEST(field(run, "undelivered") == 0);
  BOOST_TEST(sim.stats()->getValue<long>("invalid") == 0);
}

BOOST_AUTO_TEST_CASE(a_sonar_op_with_a_missing_file_sends_nothing) {
  ForgeSim sim;
  TempDir dir;
  const std::string trace = dir.file("sonar.jsonl");
  std::ofstream(trace) << write_small_trace_line()
                       << R"({"op":"sonar","repo":"acme/web","commit":")" << kCommit
                       << R"(","issues":"gone.json"})"
                       << "\n";
  std::string output;
  const int code =
      run_command({CIB_BENCH_NAIVE_PATH, trace, "--config", write_config(dir, sim)}, output);
  BOOST_TEST(code != 0);
  BOOST_TEST(output.find("sonar.jsonl:2: ") != std::string::npos, output);
  BOOST_TEST(output.find("gone.json") != std::string::npos, output);
  BOOST_TEST(sim.stats()->getValue<long>("requests") == 0);
}

BOOST_AUTO_TEST_CASE(a_call_turned_away_by_a_429_or_a_503_is_sent_again_whole) {
  const SmallRun small("429@1,503@3");
  const Run& run = small.run;
  BOOST_TEST_INFO("bench-naive output:\n" << run.output);
  BOOST_TEST(run.exit_code == 0);
  // The status twice; the report's PUT, then the PUT and both findings again.
  BOOST_TEST(field(run, "requests") == 6);
  BOOST_TEST(field(run, "retries") == 2);
  BOOST_TEST(field(run, "rate_limited") == 1);
  BOOST_TEST(field(run, "undelivered") == 0);
  BOOST_TEST(small.sim.stats()->getValue<long>("requests") == 6);
  const auto report = small.sim.state()
                          ->getObject("reports")
                          ->getObject("acme/web")
                          ->getObject(kCommit)
                          ->getObject("lint");
  BOOST_TEST(report->getObject("annotations")->size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_refused_call_is_undelivered_and_its_message_shows_no_credential) {
  const SmallRun small("echo-auth@1");
  const Run& run = small.run;
  BOOST_TEST_INFO("bench-naive output:\n" << run.output);
  BOOST_TEST(run.exit_code == 3);
  BOOST_TEST(field(run, "undelivered") == 1);
  BOOST_TEST(field(run, "requests") == 4);
  BOOST_TEST(run.output.find("400") != std::string::npos);
  BOOST_TEST(run.output.find(kToken) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(help_prints_the_usage_and_sends_nothing) {
  std::string output;
  BOOST_TEST(run_command({CIB_BENCH_NAIVE_PATH, "--help"}, output) == 0);
  BOOST_TEST(output.find("usage: bench-naive") != std::string::npos);
}

}  // namespace
}  // namespace cib::test
