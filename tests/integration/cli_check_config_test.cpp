// `cibatch check-config FILE` as a pipeline's author runs it before a pull request: what a
// client would refuse at start is refused here already, at the file's line and column.
#include <boost/test/unit_test.hpp>
#include <fstream>

#include "cli_run.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

std::string write_host(const TempDir& dir, const std::string& name, const std::string& kind,
                       const std::string& api_url, const std::string& extra = "") {
  const std::string path = dir.file(name);
  std::ofstream(path) << "cibatch:\n"
                         "  host:\n"
                         "    kind: "
                      << kind << "\n    api_url: " << api_url
                      << "\n    auth: { type: bearer, token: \"check-config-token\" }\n"
                      << extra;
  return path;
}

std::string write_config(const TempDir& dir, const std::string& extra) {
  return write_host(dir, "pipeline.yml", "bitbucket-cloud", "https://api.bitbucket.org/2.0", extra);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_check_config)

BOOST_AUTO_TEST_CASE(a_valid_file_is_ok) {
  TempDir dir;
  const std::string config = write_config(dir, "  spool: { path: spool.db }\n");
  std::string output;
  BOOST_TEST(cli({"check-config", config}, output) == 0, output);
  BOOST_TEST(output.find(config + ": ok") != std::string::npos, output);
}

BOOST_AUTO_TEST_CASE(every_host_kind_is_ok_and_shows_the_api_url_it_uses) {
  TempDir dir;
  const std::string config =
      write_host(dir, "gitlab.yml", "gitlab", "https://gitlab.example.com/api/v4");
  std::string output;
  BOOST_TEST(cli({"check-config", config}, output) == 0, output);
  BOOST_TEST(output.find(config + ": gitlab at https://gitlab.example.com/api/v4\n") == 0u, output);
  BOOST_TEST(output.find(config + ": ok") != std::string::npos, output);
  const std::string github = dir.file("github.yml");
  std::ofstream(github) << "cibatch:\n  host:\n    kind: github\n"
                           "    auth: { type: bearer, token: \"check-config-token\" }\n";
  BOOST_TEST(cli({"check-config", github}, output) == 0, output);
  BOOST_TEST(output.find(github + ": github at https://api.github.com") != std::string::npos,
             output);
  const std::string dc = dir.file("dc.yml");
  std::ofstream(dc) << "cibatch:\n  host:\n    kind: bitbucket-dc\n"
                       "    auth: { type: bearer, token: \"check-config-token\" }\n";
  BOOST_TEST(cli({"check-config", dc}, output) == 1, output);
  BOOST_TEST(output.find(dc + ":3:5: host.api_url: required, but not set (host.kind bitbucket-dc "
                              "has no default") != std::string::npos,
             output);
}

// A file name the old path_or_text heuristic read as YAML text (": ", "{") is a file name.
BOOST_AUTO_TEST_CASE(a_file_name_that_looks_like_yaml_is_read_as_a_file) {
  TempDir dir;
  const std::string config = dir.file("stage: {deploy}.yml");
  std::ofstream(config) << "cibatch:\n"
                           "  host:\n"
                           "    kind: bitbucket-cloud\n"
                           "    api_url: https://api.bitbucket.org/2.0\n"
                           "    auth: { type: bearer, token: \"check-config-token\" }\n";
  std::string output;
  BOOST_TEST(cli({"check-config", config}, output) == 0, output);
  BOOST_TEST(output.find(config + ": ok") != std::string::npos, output);
}

BOOST_AUTO_TEST_CASE(env_references_outside_host_auth_are_refused_at_their_position) {
  TempDir dir;
  const std::string config = write_config(dir, "  spool:\n    path: \"${HOME}/spool.db\"\n");
  std::string output;
  BOOST_TEST(cli({"check-config", config}, output) == 1, output);
  BOOST_TEST(output.find(config + ":7:5: spool.path: ${...} is expanded only in host.auth.*") !=
                 std::string::npos,
             output);
}

BOOST_AUTO_TEST_CASE(budget_shared_is_checked_as_fully_as_a_client_does) {
  TempDir dir;
  const std::string config =
      write_config(dir, "  budget:\n    shared: \"redis://:hunter2@127.0.0.1:6379/0x\"\n");
  std::string output;
  BOOST_TEST(cli({"check-config", config}, output) == 1, output);
  BOOST_TEST(
      output.find(config + ":7:5: budget.shared: a database that is not") != std::string::npos,
      output);
  BOOST_TEST(output.find("hunter2") == std::string::npos, output);
}

BOOST_AUTO_TEST_CASE(a_token_in_an_enum_key_is_not_echoed) {
  TempDir dir;
  const std::string path = dir.file("pipeline.yml");
  std::ofstream(path) << "cibatch:\n  host:\n    kind: github\n    auth:\n"
                         "      type: ghp_0123456789abcdefTOKEN\n";
  std::string output;
  BOOST_TEST(cli({"check-config", path}, output) == 1, output);
  BOOST_TEST(output.find(path + ":5:7: host.auth.type:") != std::string::npos, output);
  BOOST_TEST(output.find("0123456789abcdef") == std::string::npos, output);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
