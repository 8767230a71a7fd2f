// GitHub's conditional reads against forge-sim playing GitHub: a read made again sends the ETag
// of its last answer, a 304 re-uses that answer, and neither GitHub's limit nor cibatch's budget
// counts it.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>

#include "client_fixture.h"
#include "recording_client.h"
#include "sim_state.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

ForgeSimOptions github_sim() {
  ForgeSimOptions options;
  options.host = "github";
  return options;
}

// A personal token (so reports become comments), a budget file of the test's own, no spacing
// between writes.
std::string github_yaml(const ForgeSim& sim, const TempDir& dir) {
  return with_host_kind(
      client_yaml(sim,
                  "  budget: { limit: 100, window_s: 600, reserve: 0, path: \"" +
                      dir.file("budget.db") + "\", github: { write_spacing_ms: 0 } }\n",
                  "github-personal-token", kFlushOnly),
      "github");
}

// The stats JSON's saved.conditional: the 304s the client was answered.
long conditional(RecordingClient& client) {
  const auto stats = Poco::JSON::Parser().parse(client.stats()).extract<Poco::JSON::Object::Ptr>();
  return stats->getObject("saved")->getValue<long>("conditional");
}

// What the simulator saw, against what the budget charged: every request but the 304s.
void check_304s_not_charged(const ForgeSim& sim, RecordingClient& client, long not_modified) {
  const auto stats = sim.stats();
  BOOST_TEST(stats->getValue<long>("not_modified") == not_modified);
  BOOST_TEST(conditional(client) == not_modified);
  BOOST_TEST(json_number(client.budget(), "used") ==
             stats->getValue<long>("requests") - not_modified);
  BOOST_TEST(stats->getValue<long>("invalid") == 0);
  BOOST_TEST_MESSAGE("requests " << stats->getValue<long>("requests") << ", 304s " << not_modified
                                 << ", charged " << json_number(client.budget(), "used"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_github_conditional)

BOOST_AUTO_TEST_CASE(a_comment_retried_after_a_502_relists_its_pull_request_for_a_304) {
  TempDir dir;
  ForgeSim sim(github_sim());
  sim.set_faults("502@2");  // 1: the listing; 2: the create, lost in a bad gateway
  RecordingClient client(github_yaml(sim, dir));
  client.comment(kRepo, 42, "coverage", "81%");
  std::size_t left = 99;
  BOOST_TEST_REQUIRE(client.flush(0, 20000, &left) == CIB_OK);
  BOOST_TEST(left == 0u);
  BOOST_TEST(comments_with_key(sim.state(), kRepo, 42, "coverage") == 1);
  // The listing, the lost create, the listing again (304), the create.
  BOOST_TEST(sim.stats()->getValue<long>("requests") == 4);
  check_304s_not_charged(sim, client, 1);
}

BOOST_AUTO_TEST_CASE(a_report_re_posted_before_its_pull_request_opens_reads_the_commit_for_a_304) {
  TempDir dir;
  ForgeSim sim(github_sim());
  RecordingClient client(github_yaml(sim, dir));
  // The branch is analysed twice before anyone opens a pull request: no report comment yet.
  client.report(kRepo, kCommit, "sast", {{"f1", "SQL injection"}});
  BOOST_TEST(client.flush(0, 20000) == CIB_OK);
  client.report(kRepo, kCommit, "sast", {{"f1", "SQL injection"}, {"f2", "weak hash"}});
  BOOST_TEST(client.flush(0, 20000) == CIB_OK);
  const auto reports = client.deliveries();
  BOOST_TEST_REQUIRE(reports.size() == 2u);
  BOOST_TEST(reports[0].outcome == CIB_OUTCOME_FAILED);
  BOOST_TEST(reports[1].outcome == CIB_OUTCOME_FAILED);
  check_304s_not_charged(sim, client, 1);
  // The pull request opens; the next analysis finds it (the answer changed: 200) and comments.
  sim.control("POST", "/_sim/github/pulls",
              R"({"repo":")" + kRepo + R"(","sha":")" + kCommit + R"(","number":7})");
  client.report(kRepo, kCommit, "sast", {{"f2", "weak hash"}});
  BOOST_TEST_REQUIRE(client.flush(0, 20000) == CIB_OK);
  BOOST_TEST(client.deliveries().back().outcome == CIB_OUTCOME_DELIVERED);
  BOOST_TEST(comments_with_key(sim.state(), kRepo, 7, "report-sast") == 1);
  check_304s_not_charged(sim, client, 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
