// `cibatch sonar`: the files SonarQube's Web API answered, or a SARIF file, posted as reports
// and delivered to the simulator; a bad page is refused, naming the file's page and field,
// before anything is sent.
#include <boost/test/unit_test.hpp>
#include <fstream>

#include "cli_run.h"
#include "forge_sim.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

const char* const kCommit = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";

std::string write_file(const TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string write_config(const TempDir& dir, const ForgeSim& sim) {
  return write_file(dir, "pipeline.yml",
                    "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: " + sim.api_url() +
                        "\n    auth: { type: bearer, token: \"cli-sonar-token\" }\n"
                        "  batching: { linger_ms: 20, terminal_linger_ms: 5 }\n"
                        "  spool: { path: \"" +
                        dir.file("spool.db") + "\" }\n");
}

std::string page(const std::string& key, const std::string& line) {
  return "{\"issues\":[{\"key\":\"" + key +
         "\",\"rule\":\"c:S1\",\"severity\":\"MAJOR\",\"component\":\"web:src/a.c\","
         "\"project\":\"web\",\"line\":" +
         line + ",\"message\":\"Fix " + key + "\",\"type\":\"BUG\",\"status\":\"OPEN\"}]}";
}

Poco::JSON::Object::Ptr report(const ForgeSim& sim, const std::string& id) {
  const auto reports = sim.state()->getObject("reports");
  if (reports.isNull() || reports->getObject("acme/web").isNull()) return nullptr;
  const auto commit = reports->getObject("acme/web")->getObject(kCommit);
  return commit.isNull() ? nullptr : commit->getObject(id);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_sonar)

BOOST_AUTO_TEST_CASE(pages_and_gate_become_one_report) {
  ForgeSim sim;
  TempDir dir;
  const std::string config = write_config(dir, sim);
  const std::string gate =
      write_file(dir, "gate.json", "{\"projectStatus\":{\"status\":\"ERROR\",\"conditions\":[]}}");
  std::string output;
  BOOST_TEST(cli({"sonar", "--config", config, "--repo", "acme/web", "--commit", kCommit, "--pr",
                  "7", "--issues", write_file(dir, "p1.json", page("AX-1", "3")), "--issues",
                  write_file(dir, "p2.json", page("AX-2", "9")), "--gate", gate},
                 output) == 0,
             output);
  const auto held = report(sim, "sonar");
  BOOST_TEST_REQUIRE(!held.isNull(), output);
  BOOST_TEST(held->getValue<std::string>("result") == "FAILED");
  BOOST_TEST(held->getObject("annotations")->size() == 2u);
  BOOST_TEST(!held->getObject("annotations")->getObject("AX-2").isNull());
}

BOOST_AUTO_TEST_CASE(a_sarif_file_becomes_a_report_named_after_its_tool) {
  ForgeSim sim;
  TempDir dir;
  const std::string sarif = write_file(
      dir, "lint.sarif",
      "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"ESLint\"}},"
      "\"results\":[{\"ruleId\":\"eqeqeq\",\"level\":\"warning\",\"message\":{\"text\":\"Use "
      "===\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"a.js\"},"
      "\"region\":{\"startLine\":2}}}]}]}]}");
  std::string output;
  BOOST_TEST(cli({"sonar", "--config", write_config(dir, sim), "--repo", "acme/web", "--commit",
                  kCommit, "--sarif", sarif},
                 output) == 0,
             output);
  const auto held = report(sim, "eslint");
  BOOST_TEST_REQUIRE(!held.isNull(), output);
  BOOST_TEST(held->getObject("annotations")->size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_bad_page_is_refused_before_anything_is_sent) {
  ForgeSim sim;
  TempDir dir;
  std::string output;
  BOOST_TEST(cli({"sonar", "--config", write_config(dir, sim), "--repo", "acme/web", "--commit",
                  kCommit, "--issues", write_file(dir, "p1.json", page("AX-1", "3")), "--issues",
                  write_file(dir, "p2.json", page("AX-2", "\"nine\""))},
                 output) == 1,
             output);
  BOOST_TEST(output.find("issues page 2: issues[0].line") != std::string::npos, output);
  BOOST_TEST(sim.stats()->getValue<long>("requests") == 0);
  BOOST_TEST(
      cli({"sonar", "--config", write_config(dir, sim), "--repo", "acme/web", "--commit", kCommit},
          output) == 2,
      output);
}

BOOST_AUTO_TEST_CASE(server_and_dashboard_urls_become_rule_and_report_links) {
  ForgeSim sim;
  TempDir dir;
  std::string output;
  BOOST_TEST(
      cli({"sonar", "--config", write_config(dir, sim), "--repo", "acme/web", "--commit", kCommit,
           "--issues", write_file(dir, "p1.json", page("AX-1", "3")), "--server-url",
           "https://sonar.example", "--dashboard-url", "https://sonar.example/dashboard?id=web"},
          output) == 0,
      output);
  const auto held = report(sim, "sonar");
  BOOST_TEST_REQUIRE(!held.isNull(), output);
  BOOST_TEST(held->getValue<std::string>("link") == "https://sonar.example/dashboard?id=web");
  const auto finding = held->getObject("annotations")->getObject("AX-1");
  BOOST_TEST_REQUIRE(!finding.isNull(), output);
  BOOST_TEST(finding->getValue<std::string>("link").rfind("https://sonar.example/", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_read_is_named_before_anything_is_sent) {
  ForgeSim sim;
  TempDir dir;
  const std::string config = write_config(dir, sim);
  const std::string p1 = write_file(dir, "p1.json", page("AX-1", "3"));
  std::string output;
  BOOST_TEST(cli({"sonar", "--config", config, "--repo", "acme/web", "--commit", kCommit,
                  "--issues", p1, "--gate", dir.file("absent.json")},
                 output) == 1,
             output);
  BOOST_TEST(output.find("cibatch sonar: " + dir.file("absent.json") + ": cannot open") !=
                 std::string::npos,
             output);

  const std::string nul = write_file(dir, "nul.json", std::string("{\n\"issues\":[]\0}", 15));
  BOOST_TEST(cli({"sonar", "--config", config, "--repo", "acme/web", "--commit", kCommit,
                  "--issues", p1, "--issues", nul},
                 output) == 1,
             output);
  BOOST_TEST(
      output.find("cibatch sonar: " + nul + ":2: holds a NUL character") != std::string::npos,
      output);

  BOOST_TEST(
      cli({"sonar", "--config", config, "--repo", "acme/web", "--commit", kCommit, "--sarif", ""},
          output) == 2,
      output);
  BOOST_TEST(output.find("--sarif: expected a file, got an empty path") != std::string::npos,
             output);
  BOOST_TEST(sim.stats()->getValue<long>("requests") == 0);
}

// Pull mode from a pipeline step: the scanner's report-task.txt is all the step gives; the
// command waits for the task, and a failed task fails the step with SonarQube's message.
BOOST_AUTO_TEST_CASE(task_waits_for_the_analysis_and_posts_it) {
  ForgeSimOptions options;
  options.extra_args = {"--sonar-token", "cli-sonar-squ"};
  ForgeSim sim(options);
  TempDir dir;
  const auto load = [&](const std::string& task) {
    const std::string answer = sim.control(
        "POST", "/_sim/sonar/analysis",
        R"({"project":"web","pullRequest":"7","task":)" + task +
            R"(,"generate":{"count":12,"seed":1},"gate":{"status":"OK","conditions":[]}})");
    const std::size_t at = answer.find("\"taskId\":\"") + 10;
    return write_file(
        dir, "report-task.txt",
        "projectKey=web\nceTaskId=" + answer.substr(at, answer.find('"', at) - at) + "\n");
  };
  const std::string config =
      write_file(dir, "pipeline.yml",
                 "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: " + sim.api_url() +
                     "\n    auth: { type: bearer, token: \"cli-sonar-token\" }\n"
                     "  batching: { linger_ms: 20, terminal_linger_ms: 5 }\n"
                     "  spool: { path: \"" +
                     dir.file("spool.db") +
                     "\" }\n"
                     "  sonar: { url: \"" +
                     sim.origin() + "\", token: \"cli-sonar-squ\" }\n");
  const std::vector<std::string> command = {"sonar",    "--config", config, "--repo", "acme/web",
                                            "--commit", kCommit,    "--pr", "7",      "--task"};
  std::vector<std::string> args = command;
  args.push_back(load(R"({"pending_polls":1,"in_progress_polls":1})"));
  std::string output;
  BOOST_TEST(cli(args, output) == 0, output);
  const auto held = report(sim, "sonar");
  BOOST_TEST_REQUIRE(!held.isNull(), output);
  BOOST_TEST(held->getValue<std::string>("result") == "PASSED");
  BOOST_TEST(held->getObject("annotations")->size() == 12u);

  args = command;
  args.push_back(load(R"({"end":"FAILED","error_message":"The scanner report is corrupt"})"));
  BOOST_TEST(cli(args, output) == 3, output);
  BOOST_TEST(output.find("ended FAILED: The scanner report is corrupt") != std::string::npos,
             output);
  BOOST_TEST(output.find("cli-sonar-squ") == std::string::npos, output);

  args = command;
  args.push_back(write_file(dir, "other.txt", "projectKey=web\n"));
  BOOST_TEST(cli(args, output) == 1, output);
  BOOST_TEST(output.find("other.txt: ceTaskId: missing") != std::string::npos, output);
  BOOST_TEST(cli({"sonar", "--config", config, "--repo", "acme/web", "--commit", kCommit, "--task",
                  dir.file("report-task.txt"), "--sarif", dir.file("x.sarif")},
                 output) == 2,
             output);
}

// A step that ends before SonarQube's task does (a timeout, a kill) leaves the task in the
// spool; the next client on that spool - here a drain step - resumes it and posts the report.
BOOST_AUTO_TEST_CASE(a_task_left_by_an_ended_step_is_resumed_by_a_drain) {
  ForgeSimOptions options;
  options.extra_args = {"--sonar-token", "cli-sonar-squ"};
  ForgeSim sim(options);
  TempDir dir;
  const std::string answer = sim.control(
      "POST", "/_sim/sonar/analysis",
      R"({"project":"web","pullRequest":"7","task":{"pending_polls":2,"in_progress_polls":1},)"
      R"("generate":{"count":5,"seed":2}})");
  const std::size_t at = answer.find("\"taskId\":\"") + 10;
  const std::string task =
      write_file(dir, "report-task.txt",
                 "projectKey=web\nceTaskId=" + answer.substr(at, answer.find('"', at) - at) + "\n");
  const std::string config =
      write_file(dir, "pipeline.yml",
                 "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: " + sim.api_url() +
                     "\n    auth: { type: bearer, token: \"cli-sonar-token\" }\n"
                     "  spool: { path: \"" +
                     dir.file("spool.db") +
                     "\" }\n"
                     "  shutdown: { timeout_ms: 0 }\n"
                     "  sonar: { url: \"" +
                     sim.origin() + "\", token: \"cli-sonar-squ\" }\n");
  std::string output;
  BOOST_TEST(cli({"sonar", "--config", config, "--repo", "acme/web", "--commit", kCommit, "--pr",
                  "7", "--task", task, "--timeout-ms", "0", "-v"},
                 output) == 3,
             output);
  BOOST_TEST(output.find("kept in the spool for the next client") != std::string::npos, output);
  BOOST_TEST(output.find("FAILED") == std::string::npos, output);
  BOOST_TEST(report(sim, "sonar").isNull());

  BOOST_TEST(cli({"drain", "--config", config, "-v"}, output) == 0, output);
  const auto held = report(sim, "sonar");
  BOOST_TEST_REQUIRE(!held.isNull(), output);
  BOOST_TEST(held->getObject("annotations")->size() == 5u);
  // Resumed once: a second drain asks SonarQube nothing.
  const auto sonar_requests = [&] {
    return sim.stats()->getObject("sonar")->getValue<long>("requests");
  };
  const long before = sonar_requests();
  BOOST_TEST(cli({"drain", "--config", config, "-v"}, output) == 0, output);
  BOOST_TEST(sonar_requests() == before);
}

BOOST_AUTO_TEST_CASE(replay_runs_a_sonar_op_with_files_relative_to_the_trace) {
  ForgeSim sim;
  TempDir dir;
  write_file(dir, "p1.json", page("AX-1", "3"));
  write_file(dir, "p2.json", page("AX-2", "9"));
  const std::string trace =
      write_file(dir, "trace.jsonl",
                 std::string("{\"op\":\"sonar\",\"repo\":\"acme/web\",\"commit\":\"") + kCommit +
                     "\",\"pr\":7,\"id\":\"sonar-api\",\"issues\":[\"p1.json\",\"p2.json\"]}\n"
                     "{\"op\":\"flush\"}\n");
  std::string output;
  BOOST_TEST(cli({"replay", trace, "--config", write_config(dir, sim)}, output) == 0, output);
  const auto held = report(sim, "sonar-api");
  BOOST_TEST_REQUIRE(!held.isNull(), output);
  BOOST_TEST(held->getValue<std::string>("result") == "PENDING");
  BOOST_TEST(held->getObject("annotations")->size() == 2u);
}

BOOST_AUTO_TEST_CASE(replay_refuses_a_missing_sonar_file_before_posting) {
  ForgeSim sim;
  TempDir dir;
  const std::string trace =
      write_file(dir, "trace.jsonl",
                 "{\"op\":\"status\",\"repo\":\"acme/web\",\"commit\":\"" + std::string(kCommit) +
                     "\",\"key\":\"build\",\"state\":\"SUCCESSFUL\"}\n"
                     "{\"op\":\"sonar\",\"repo\":\"acme/web\",\"commit\":\"" +
                     kCommit + "\",\"issues\":\"absent.json\"}\n");
  std::string output;
  BOOST_TEST(cli({"replay", trace, "--config", write_config(dir, sim)}, output) == 1, output);
  BOOST_TEST(output.find("trace.jsonl:2: sonar: ") != std::string::npos, output);
  BOOST_TEST(output.find("absent.json") != std::string::npos, output);
  BOOST_TEST(sim.stats()->getValue<long>("requests") == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
