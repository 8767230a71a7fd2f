// The `cibatch` command as a user meets it from outside: input the C ABI cannot carry or the
// library would refuse is refused before anything is posted, with its file and line; a drain
// says what it left for other identities; library warnings reach stderr; flushes are bounded.
#include <sys/wait.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "child_process.h"
#include "cli_run.h"
#include "forge_sim.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

const char* const kToken = "cli-defects-secret-token";

// api_url defaults to the simulator's own; a test gives another spelling of the same host.
std::string write_config(const TempDir& dir, const std::string& name, const std::string& api_url,
                         const std::string& extra = "") {
  const std::string path = dir.file(name);
  std::ofstream(path) << "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: " << api_url
                      << "\n    auth: { type: bearer, token: \"" << kToken << "\" }\n"
                      << "  batching: { linger_ms: 20, terminal_linger_ms: 5 }\n"
                      << "  transport: { retry_base_ms: 20, retry_max_ms: 200 }\n"
                      << "  shutdown: { timeout_ms: 200 }\n"
                      << "  spool: { path: \"" << dir.file("spool.db") << "\" }\n"
                      << extra;
  return path;
}

std::string write_file(const TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

long requests(const ForgeSim& sim) {
  return sim.stats()->getValue<long>("requests");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Runs the command, which must refuse its input before it posts anything: exit 1, no request.
// Returns what it printed.
std::string refused_before_posting(const ForgeSim& sim, const std::vector<std::string>& args) {
  std::string output;
  const int code = cli(args, output);
  BOOST_TEST_INFO(output.substr(0, 2000));
  BOOST_TEST(code == 1);
  BOOST_TEST(requests(sim) == 0);
  return output;
}

const char* const kStatusLine =
    R"({"op":"status","repo":"acme/web","commit":"3f2c8a1e","key":"build","state":"SUCCESSFUL"})";

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_defects)

BOOST_AUTO_TEST_CASE(replay_refuses_a_nul_in_a_comment_body_with_its_line_before_posting) {
  ForgeSim sim;
  TempDir dir;
  const std::string config = write_config(dir, "pipeline.yml", sim.api_url());
  const std::string trace = write_file(
      dir, "nul.jsonl",
      std::string(kStatusLine) +
          "\n{\"op\":\"comment\",\"repo\":\"acme/web\",\"pr\":7,\"key\":\"k\",\"body\":\"nul "
          "\\u0000 x\"}\n");
  const std::string output = refused_before_posting(sim, {"replay", trace, "--config", config});
  BOOST_TEST(contains(output, "nul.jsonl:2: comment: field \"body\""));
  BOOST_TEST(contains(output, "NUL"));
}

BOOST_AUTO_TEST_CASE(report_refuses_a_nul_in_an_annotations_file_with_its_line) {
  ForgeSim sim;
  TempDir dir;
  const std::string config = write_config(dir, "pipeline.yml", sim.api_url());
  const std::string annotations = write_file(
      dir, "annotations.json",
      "[\n  {\"id\":\"a1\",\"severity\":\"LOW\",\"type\":\"BUG\",\"summary\":\"fine\"},\n"
      "  {\"id\":\"a2\",\"severity\":\"LOW\",\"type\":\"BUG\",\"summary\":\"bad \\u0000\"}\n]\n");
  const std::string output = refused_before_posting(
      sim, {"report", "--config", config, "--repo", "acme/web", "--commit", "3f2c8a1e", "--id",
            "lint", "--title", "Lint", "--result", "FAILED", "--annotations-json", annotations});
  BOOST_TEST(contains(output, "annotations.json:3:"));
  BOOST_TEST(contains(output, "NUL"));
}

BOOST_AUTO_TEST_CASE(comment_refuses_a_nul_in_a_body_file_with_its_line) {
  ForgeSim sim;
  TempDir dir;
  const std::string config = write_config(dir, "pipeline.yml", sim.api_url());
  const std::string body = write_file(dir, "body.md", std::string("line one\nline two \0 x\n", 22));
  const std::string output =
      refused_before_posting(sim, {"comment", "--config", config, "--repo", "acme/web", "--pr", "7",
                                   "--key", "k", "--body-file", body});
  BOOST_TEST(contains(output, "body.md:2:"));
  BOOST_TEST(contains(output, "NUL"));
}

BOOST_AUTO_TEST_CASE(replay_checks_every_line_before_it_posts_anything) {
  ForgeSim sim;
  TempDir dir;
  const std::string config = write_config(dir, "pipeline.yml", sim.api_url());
  const std::string big(1024 * 1024 + 1, 'x');
  const std::string trace = write_file(
      dir, "big.jsonl",
      std::string(kStatusLine) +
          "\n{\"op\":\"comment\",\"repo\":\"acme/web\",\"pr\":7,\"key\":\"k\",\"body\":\"" + big +
          "\"}\n{\"op\":\"status\",\"repo\":\"acme\",\"commit\":\"c\",\"key\":\"k\","
          "\"state\":\"FAILED\"}\n");
  const std::string output = refused_before_posting(sim, {"replay", trace, "--config", config});
  BOOST_TEST(contains(output, "big.jsonl:2: comment: field \"body\""));
  BOOST_TEST(contains(output, "1048576"));
}

BOOST_AUTO_TEST_CASE(replay_refuses_a_repo_without_owner_before_posting) {
  ForgeSim sim;
  TempDir dir;
  const std::string config = write_config(dir, "pipeline.yml", sim.api_url());
  const std::string trace =
      write_file(dir, "repo.jsonl",
                 std::string(kStatusLine) +
                     "\n{\"op\":\"status\",\"repo\":\"web\",\"commit\":\"c\",\"key\":\"k\","
                     "\"state\":\"FAILED\"}\n");
  const std::string output = refused_before_posting(sim, {"replay", trace, "--config", config});
  BOOST_TEST(contains(output, "repo.jsonl:2: status: field \"repo\""));
}

BOOST_AUTO_TEST_CASE(drain_reports_updates_left_for_another_identity_and_exits_non_zero) {
  ForgeSim sim;
  TempDir dir;
  const std::string step_config = write_config(dir, "step.yml", sim.api_url());
  const std::string other_url = "http://localhost:" + std::to_string(sim.port()) + "/2.0";
  const std::string drain_config = write_config(dir, "drain.yml", other_url);
  std::string output;
  sim.set_faults("503x1000@1");  // the step's own status cannot get through
  BOOST_TEST(cli({"status", "--config", step_config, "--repo", "acme/web", "--commit", "3f2c8a1e",
                  "--key", "build", "--state", "SUCCESSFUL", "--timeout-ms", "200"},
                 output) != 0);
  sim.set_faults("");
  const int code = cli({"drain", "--config", drain_config, "--timeout-ms", "2000"}, output);
  BOOST_TEST_INFO(output);
  BOOST_TEST(code == 5);
  BOOST_TEST(contains(output, sim.api_url()));
  BOOST_TEST(contains(output, "1 pending, 1 gating"));
  BOOST_TEST(!contains(output, kToken));
  BOOST_TEST(!sim.state()->getObject("statuses")->has("acme/web"));
}

BOOST_AUTO_TEST_CASE(replay_shows_why_a_401_left_updates_undelivered) {
  ForgeSimOptions options;
  options.require_token = "another-token";
  ForgeSim sim(options);
  TempDir dir;
  const std::string config = write_config(dir, "pipeline.yml", sim.api_url());
  const std::string trace = write_file(dir, "t.jsonl", std::string(kStatusLine) + "\n");
  std::string output;
  const int code = cli({"replay", trace, "--config", config, "--flush-timeout-ms", "500"}, output);
  BOOST_TEST_INFO(output);
  BOOST_TEST(code == 3);
  BOOST_TEST(contains(output, "cibatch: error: "));
  BOOST_TEST(contains(output, "401"));
  BOOST_TEST(!contains(output, kToken));
  // The last line of stderr says why the exit is not 0.
  const std::size_t last = output.rfind("cibatch: ");
  BOOST_TEST(last != std::string::npos);
  BOOST_TEST(contains(output.substr(last == std::string::npos ? 0 : last), "401"));

  const int quiet =
      cli({"replay", trace, "--config", config, "--flush-timeout-ms", "300", "-q"}, output);
  BOOST_TEST_INFO(output);
  BOOST_TEST(quiet == 3);
  BOOST_TEST(!contains(output, "cibatch: error: "));
}

BOOST_AUTO_TEST_CASE(status_and_drain_end_with_the_401_that_left_updates) {
  ForgeSimOptions options;
  options.require_token = "another-token";
  ForgeSim sim(options);
  TempDir dir;
  const std::string config = write_config(dir, "pipeline.yml", sim.api_url());
  std::string output;
  const int posted =
      cli({"status", "--config", config, "--repo", "acme/web", "--commit", "3f2c8a1e", "--key",
           "build", "--state", "SUCCESSFUL", "--timeout-ms", "500"},
          output);
  BOOST_TEST_INFO(output);
  BOOST_TEST(posted == 3);
  const std::size_t ending = output.rfind("cibatch: ");
  BOOST_TEST(ending != std::string::npos);
  BOOST_TEST(contains(output.substr(ending == std::string::npos ? 0 : ending), "401"));
  const int drained = cli({"drain", "--config", config, "--timeout-ms", "500"}, output);
  BOOST_TEST_INFO(output);
  BOOST_TEST(drained == 3);
  const std::size_t last = output.rfind("cibatch: ");
  BOOST_TEST(last != std::string::npos);
  BOOST_TEST(contains(output.substr(last == std::string::npos ? 0 : last), "401"));
  BOOST_TEST(!contains(output, kToken));
}

BOOST_AUTO_TEST_CASE(a_flush_op_without_timeout_is_bounded_by_flush_timeout_ms) {
  ForgeSim sim;
  TempDir dir;
  const std::string config = write_config(dir, "pipeline.yml", sim.api_url());
  const std::string trace =
      write_file(dir, "flush.jsonl", std::string(kStatusLine) + "\n{\"op\":\"flush\"}\n");
  sim.set_faults("503x100000@1");  // nothing gets through while the test runs
  ChildProcess replay(
      {CIB_CLI_PATH, "replay", trace, "--config", config, "--flush-timeout-ms", "300"}, true);
  const bool ended = replay.read_to_end(std::chrono::seconds(30));
  BOOST_TEST_INFO(replay.output());
  BOOST_TEST(ended);
  if (!ended) replay.terminate(std::chrono::milliseconds(100));
  const int status = replay.wait();
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 3);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
