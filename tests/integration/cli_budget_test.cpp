// `cibatch budget` as an administrator runs it: every account that posted through the machine's
// budget file, with what it used of its window, and nothing sent to the host.
#include <boost/test/unit_test.hpp>
#include <fstream>

#include "cli_run.h"
#include "forge_sim.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

std::string write_config(const TempDir& dir, const ForgeSim& sim, const std::string& token) {
  const std::string path = dir.file(token + ".yml");
  std::ofstream(path) << "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: "
                      << sim.api_url() << "\n    auth: { type: bearer, token: \"" << token
                      << "\" }\n"
                      << "  batching: { linger_ms: 20, terminal_linger_ms: 5 }\n"
                      << "  spool: { path: \"" << dir.file(token + ".db") << "\" }\n"
                      << "  budget: { limit: 50, window_s: 600, reserve: 5, path: \""
                      << dir.file("budget.db") << "\" }\n";
  return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_budget)

BOOST_AUTO_TEST_CASE(budget_lists_every_account_of_the_machine_with_its_use) {
  ForgeSim sim;
  TempDir dir;
  const std::string first = write_config(dir, sim, "first-agent-token");
  const std::string second = write_config(dir, sim, "second-agent-token");
  std::string output;
  for (const char* key : {"build", "test"}) {
    BOOST_TEST_REQUIRE(cli({"status", "--config", first, "--repo", "acme/web", "--commit",
                            "3f2c8a1e", "--key", key, "--state", "SUCCESSFUL"},
                           output) == 0);
  }
  BOOST_TEST_REQUIRE(cli({"status", "--config", second, "--repo", "acme/api", "--commit",
                          "9d8e7f6a", "--key", "build", "--state", "FAILED"},
                         output) == 0);
  const long sent = sim.stats()->getValue<long>("requests");

  BOOST_TEST(cli({"budget", "--config", first}, output) == 0);
  BOOST_TEST_INFO(output);
  BOOST_TEST(output.find("used 2 of 50 per 600 s (reserve 5), remaining 43") != std::string::npos);
  BOOST_TEST(output.find("used 1 of 50 per 600 s (reserve 5), remaining 44") != std::string::npos);
  BOOST_TEST(output.find("gating 2") != std::string::npos);
  BOOST_TEST(output.find("first-agent-token") == std::string::npos);
  BOOST_TEST(cli({"budget", "--config", first, "--json"}, output) == 0);
  BOOST_TEST(output.find("\"identities\"") != std::string::npos);
  // Looking costs the host nothing.
  BOOST_TEST(sim.stats()->getValue<long>("requests") == sent);
}

BOOST_AUTO_TEST_CASE(budget_without_config_is_a_usage_error) {
  std::string output;
  BOOST_TEST(cli({"budget"}, output) == 2);
  BOOST_TEST(cli({"budget", "--help"}, output) == 0);
  BOOST_TEST(output.find("usage: cibatch budget") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
