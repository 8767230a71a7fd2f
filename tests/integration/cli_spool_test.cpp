// The spool commands of `cibatch` as a pipeline step runs them: `drain` delivers what an earlier
// process left and says so in one line; `spool check|repair` inspect and move a damaged file.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli_run.h"
#include "forge_sim.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

std::string write_config(const TempDir& dir, const ForgeSim& sim) {
  const std::string path = dir.file("pipeline.yml");
  std::ofstream(path) << "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: "
                      << sim.api_url() << "\n    auth: { type: bearer, token: \"cli-spool\" }\n"
                      << "  batching: { linger_ms: 20, terminal_linger_ms: 5 }\n"
                      << "  transport: { retry_base_ms: 20, retry_max_ms: 200 }\n"
                      << "  shutdown: { timeout_ms: 200 }\n"
                      << "  spool: { path: \"" << dir.file("spool.db") << "\" }\n";
  return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_spool)

BOOST_AUTO_TEST_CASE(drain_delivers_what_a_step_left_and_says_so_in_one_line) {
  ForgeSim sim;
  TempDir dir;
  const std::string config = write_config(dir, sim);
  std::string output;
  sim.set_faults("503x1000@1");  // the step's own status cannot get through
  BOOST_TEST(cli({"status", "--config", config, "--repo", "acme/web", "--commit", "3f2c8a1e",
                  "--key", "build", "--state", "SUCCESSFUL"},
                 output) != 0);
  BOOST_TEST_INFO(output);
  BOOST_TEST(cli({"drain", "--config", config, "--timeout-ms", "300"}, output) == 3);
  BOOST_TEST(output.find("1 gating") != std::string::npos);
  sim.set_faults("");
  BOOST_TEST_INFO(output);
  BOOST_TEST(cli({"drain", "--config", config}, output) == 0);
  BOOST_TEST(output.find("0 left") != std::string::npos);
  const auto statuses = sim.state()->getObject("statuses");
  BOOST_TEST(statuses->has("acme/web"));
}

BOOST_AUTO_TEST_CASE(spool_repair_moves_a_damaged_file_aside_and_check_then_finds_none) {
  TempDir dir;
  const std::string spool = dir.file("spool.db");
  std::ofstream(spool) << "not a database at all, but someone's notes\n";
  std::string output;
  BOOST_TEST(cli({"spool", "check", "--path", spool}, output) == 5);
  BOOST_TEST_INFO(output);
  BOOST_TEST(std::filesystem::exists(spool));
  BOOST_TEST(cli({"spool", "repair", "--path", spool}, output) == 0);
  BOOST_TEST(output.find("moved to") != std::string::npos);
  BOOST_TEST(!std::filesystem::exists(spool));
  int moved = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    if (entry.path().filename().string().find("spool.db.damaged-") == 0) ++moved;
  }
  BOOST_TEST(moved == 1);
  BOOST_TEST(cli({"spool", "check", "--path", spool}, output) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
