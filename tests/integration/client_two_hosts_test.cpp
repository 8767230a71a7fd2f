// One process, two hosts, as during a migration from Bitbucket Data Center to Cloud: a client
// per host posts the same pipeline, each host ends holding all of it, and each account spends
// only its own budget, even when both budgets live in one file.
#include <boost/test/unit_test.hpp>

#include "client_fixture.h"
#include "recording_client.h"
#include "sim_state.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

std::string host_yaml(const std::string& kind, const ForgeSim& sim, const std::string& token,
                      const TempDir& dir, const std::string& name) {
  return with_host_kind(
      client_yaml(sim,
                  "  spool: { sync: off, path: \"" + dir.file(name + ".spool.db") +
                      "\" }\n  budget: { limit: 100, window_s: 600, reserve: 0, "
                      "path: \"" +
                      dir.file("budget.db") + "\" }\n",
                  token, kFlushOnly),
      kind);
}

// The pipeline: a build status that runs and passes, a coverage comment written twice, and a
// report with two findings.
void post_pipeline(RecordingClient& client) {
  client.status(kRepo, kCommit, "build", CIB_STATE_INPROGRESS);
  client.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
  client.comment(kRepo, 42, "coverage", "80%");
  client.comment(kRepo, 42, "coverage", "81%");
  client.report(kRepo, kCommit, "sast", {{"f1", "SQL injection"}, {"f2", "weak hash"}});
}

void check_host_holds_pipeline(const ForgeSim& sim) {
  const auto state = sim.state();
  const auto build =
      state->getObject("statuses")->getObject(kRepo)->getObject(kCommit)->getObject("build");
  BOOST_TEST(build->getValue<std::string>("state") == "SUCCESSFUL");
  BOOST_TEST(comments_with_key(state, kRepo, 42, "coverage") == 1);
  BOOST_TEST(sim.stats()->getValue<long>("invalid") == 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_two_hosts)

BOOST_AUTO_TEST_CASE(one_pipeline_reaches_cloud_and_data_center_with_a_budget_each) {
  TempDir dir;
  ForgeSim cloud;
  ForgeSimOptions dc_options;
  dc_options.host = "bitbucket-dc";
  ForgeSim dc(dc_options);
  RecordingClient to_cloud(host_yaml("bitbucket-cloud", cloud, "cloud-token", dir, "cloud"));
  RecordingClient to_dc(host_yaml("bitbucket-dc", dc, "dc-token", dir, "dc"));
  post_pipeline(to_cloud);
  post_pipeline(to_dc);
  std::size_t left = 99;
  BOOST_TEST_REQUIRE(to_cloud.flush(0, 20000, &left) == CIB_OK);
  BOOST_TEST(left == 0u);
  BOOST_TEST_REQUIRE(to_dc.flush(0, 20000, &left) == CIB_OK);
  BOOST_TEST(left == 0u);
  check_host_holds_pipeline(cloud);
  check_host_holds_pipeline(dc);
  // Each budget counts its own host's requests only.
  BOOST_TEST(json_number(to_cloud.budget(), "used") == cloud.stats()->getValue<long>("requests"));
  BOOST_TEST(json_number(to_dc.budget(), "used") == dc.stats()->getValue<long>("requests"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
