// Comments, reports with their annotations and a SARIF analysis posted through the agent reach
// the host as they were posted: the simulator's final state equals what the commands sent.
#include <boost/test/unit_test.hpp>

#include "agent_fixture.h"
#include "sim_state.h"

namespace cib::test {
namespace {

const char* const kBody =
    "## Build 41\n\n| step | result |\n|---|---|\n| build | ✅ passed |\n| tests | ❌ 2 "
    "failed: `a \"quoted\" name`, back\\slash |\n\nSee <https://ci.example.com/41>.\n";

const char* const kAnnotations =
    "[{\"id\":\"a1\",\"path\":\"src/a.c\",\"line\":3,\"severity\":\"HIGH\",\"type\":\"BUG\","
    "\"summary\":\"Null pointer dereference of \\\"p\\\"\"},"
    "{\"id\":\"a2\",\"path\":\"src/b.c\",\"line\":17,\"severity\":\"LOW\",\"type\":\"CODE_SMELL\","
    "\"summary\":\"Unused variable ‘x’\",\"details\":\"Remove it.\"}]";

const char* const kSarif =
    "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"ESLint\"}},"
    "\"results\":[{\"ruleId\":\"eqeqeq\",\"level\":\"warning\",\"message\":{\"text\":\"Use "
    "===\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"a.js\"},"
    "\"region\":{\"startLine\":2}}}]},"
    "{\"ruleId\":\"no-undef\",\"level\":\"error\",\"message\":{\"text\":\"x is not defined\"},"
    "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"b.js\"},"
    "\"region\":{\"startLine\":9}}}]}]}]}";

}  // namespace

BOOST_AUTO_TEST_SUITE(agent_content)

BOOST_AUTO_TEST_CASE(comments_and_reports_through_the_agent_arrive_intact) {
  Served s(held_back());
  std::string output;
  BOOST_TEST(cibatch({"comment", "--config", s.config, "--tag", "7", "--repo", kRepo, "--pr", "12",
                      "--key", "summary", "--body-file", write_text(s.dir, "body.md", kBody)},
                     output) == 0,
             output);
  BOOST_TEST(cibatch({"report", "--config", s.config, "--tag", "7", "--repo", kRepo, "--commit",
                      kCommit, "--id", "tests", "--title", "Tests", "--result", "FAILED",
                      "--annotations-json", write_text(s.dir, "annotations.json", kAnnotations)},
                     output) == 0,
             output);
  BOOST_TEST(post_status(s.config, "build", "FAILED", output, {"--tag", "7"}) == 0, output);
  BOOST_TEST(output.empty(), output);
  BOOST_TEST(s.sim.requests().empty());
  BOOST_TEST(flush(s.config, "7", output) == 0, output);

  DesiredState want;
  want.statuses[std::string(kRepo) + "|" + kCommit + "|build"] = "FAILED";
  want.comments[std::string(kRepo) + "|12|summary"] = kBody;
  const std::string report = std::string(kRepo) + "|" + kCommit + "|tests";
  want.report_results[report] = "FAILED";
  want.report_annotations[report] = {{"a1", "Null pointer dereference of \"p\""},
                                     {"a2", "Unused variable ‘x’"}};
  const auto state = s.sim.state();
  const std::vector<std::string> diffs = compare_state(state, want);
  BOOST_TEST(diffs.empty(), (diffs.empty() ? "" : diffs.front()));
  BOOST_TEST(comments_with_key(state, kRepo, 12, "summary") == 1);
}

BOOST_AUTO_TEST_CASE(a_sarif_analysis_through_the_agent_becomes_its_tools_report) {
  Served s;
  std::string output;
  BOOST_TEST(cibatch({"sonar", "--config", s.config, "--tag", "8", "--repo", kRepo, "--commit",
                      kCommit, "--sarif", write_text(s.dir, "lint.sarif", kSarif)},
                     output) == 0,
             output);
  BOOST_TEST(flush(s.config, "8", output, {"-v"}) == 0, output);
  BOOST_TEST(contains(output, "report " + std::string(kRepo)), output);
  const auto report = held(s.sim, {"reports", kRepo, kCommit, "eslint"});
  BOOST_TEST_REQUIRE(!report.isNull(), output);
  const auto annotations = report->getObject("annotations");
  BOOST_TEST(annotations->size() == 2u);
  std::string paths;
  for (const auto& held : *annotations) {
    paths += held.second.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("path") + " ";
  }
  BOOST_TEST(contains(paths, "a.js"), paths);
  BOOST_TEST(contains(paths, "b.js"), paths);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
