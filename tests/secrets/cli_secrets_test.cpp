// The `cibatch` command with recognisable secrets in its configuration: status, comment,
// check-config, spool check and budget print none of them (stdout and stderr), also when the
// host quotes the Authorization header back; check-config names each inline secret's key.
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "child_process.h"
#include "forge_sim.h"
#include "secret_values.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

const std::string kCommit = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";

int cibatch(const std::vector<std::string>& args, std::string& output) {
  std::vector<std::string> argv{CIB_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, output);
}

// A configuration with every secret inline: the token (or basic password), the Sonar token.
std::string write_config(const TempDir& dir, const ForgeSim& sim, const std::string& auth) {
  const std::string path = dir.file(auth + ".yml");
  const Secrets& s = secrets();
  std::ofstream(path) << "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: "
                      << sim.api_url() << "\n    auth: "
                      << (auth == "basic" ? "{ type: basic, user: " + s.user + ", password: \"" +
                                                s.password + "\" }"
                                          : "{ type: bearer, token: \"" + s.token + "\" }")
                      << "\n  transport: { retry_base_ms: 20, retry_max_ms: 200 }\n"
                      << "  sonar: { token: \"" << s.key_line << "\" }\n"
                      << "  spool: { path: " << dir.file("spool.db") << " }\n"
                      << "  budget: { path: " << dir.file("budget.db") << " }\n";
  return path;
}

void run_every_command(const TempDir& dir, const std::string& config, const std::string& label) {
  std::string out;
  const int checked = cibatch({"check-config", config}, out);
  BOOST_TEST(checked == 0, label << ": check-config");
  BOOST_TEST(out.find("warning: host.auth." + std::string(label == "basic" ? "password" : "token") +
                      ": holds a secret written in the configuration itself") != std::string::npos,
             label << ": check-config names the key");
  BOOST_TEST(out.find("warning: sonar.token: holds a secret") != std::string::npos);
  check_clean(label + ": check-config's output", out);
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"status", "--config", config, "--repo", "acme/web", "--commit", kCommit, "--key",
            "build", "--state", "SUCCESSFUL", "-v"},
           {"status", "--config", config, "--repo", "acme/web", "--commit", kCommit, "--key",
            "test", "--state", "FAILED", "-v"},
           {"comment", "--config", config, "--repo", "acme/web", "--pr", "42", "--key", "cov",
            "--body", "Coverage 80 %", "-v"},
           {"spool", "check", "--config", config, "--json"},
           {"spool", "check", "--path", dir.file("spool.db")},
           {"budget", "--config", config, "--json"},
           {"budget", "--config", config},
       }) {
    cibatch(args, out);
    check_clean(
        label + ": `cibatch " + args[0] + (args[0] == "spool" ? " check" : "") + "`'s output", out);
  }
  check_database_clean(dir.file("spool.db"));
  check_database_clean(dir.file("budget.db"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_secrets)

BOOST_AUTO_TEST_CASE(no_command_prints_a_bearer_token) {
  TempDir dir;
  ForgeSimOptions options;
  options.faults = "echo-auth@1,echo-auth-text@2";  // the first two statuses quote the header
  ForgeSim sim(options);
  run_every_command(dir, write_config(dir, sim, "bearer"), "bearer");
}

BOOST_AUTO_TEST_CASE(no_command_prints_a_basic_password) {
  TempDir dir;
  ForgeSimOptions options;
  options.faults = "echo-auth@1,echo-auth-text@2";
  ForgeSim sim(options);
  run_every_command(dir, write_config(dir, sim, "basic"), "basic");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
