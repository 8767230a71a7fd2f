// A GitHub App's credential end to end: the client signs a JWT, forge-sim (`--host github
// --github-app-id N --github-app-public-key FILE`) verifies it with the App's public key and
// issues an installation token, and the client posts with that token.
//
// Not yet in CMake: it needs forge-sim's GitHub host. Add it to integration_client's SOURCES
// once both are merged.
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "../unit/auth/rsa_test_key.h"
#include "client_fixture.h"
#include "recording_client.h"
#include "sim_state.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

constexpr const char* kAppId = "4242";
constexpr const char* kInstallation = "77";
const std::string kGithubRepo = "acme/web";

// A simulator playing GitHub that knows the App by its public key, issuing tokens that live
// `token_ttl_s`.
ForgeSimOptions github_app_sim(const TempDir& dir, int token_ttl_s = 3600) {
  const std::string public_key = dir.file("app.pub.pem");
  std::ofstream(public_key) << rsa_test_key().public_pem;
  ForgeSimOptions options;
  options.host = "github";
  options.extra_args = {"--github-app-id",         kAppId,
                        "--github-app-public-key", public_key,
                        "--github-token-ttl-s",    std::to_string(token_ttl_s)};
  return options;
}

// The client's YAML: the App with the key in `key_file`, a spool in dir.
std::string app_yaml(const ForgeSim& sim, const TempDir& dir, const std::string& key_file) {
  return "cibatch:\n"
         "  host:\n"
         "    kind: github\n"
         "    api_url: " +
         sim.origin() +
         "\n"
         "    auth: { type: github-app, app_id: " +
         kAppId + ", installation_id: " + kInstallation + ", private_key_file: \"" + key_file +
         "\" }\n"
         "  batching: " +
         kFlushOnly +
         "\n"
         "  transport: { retry_base_ms: 20, retry_max_ms: 200, auth_recheck_ms: 50 }\n"
         "  spool: { path: \"" +
         dir.file("spool.db") + "\" }\n";
}

std::string write_key(const TempDir& dir, const std::string& name, const std::string& pem) {
  const std::string path = dir.file(name);
  std::ofstream(path) << pem;
  return path;
}

int token_exchanges(const ForgeSim& sim) {
  int exchanges = 0;
  for (const auto& request : sim.requests()) {
    const std::string target = request->getValue<std::string>("target");
    if (target == std::string("/app/installations/") + kInstallation + "/access_tokens") {
      ++exchanges;
    }
  }
  return exchanges;
}

std::string status_state(const ForgeSim& sim, const std::string& key) {
  const auto statuses = sim.state()->getObject("statuses");
  if (!statuses || !statuses->has(kGithubRepo)) return "";
  const auto commits = statuses->getObject(kGithubRepo);
  if (!commits->has(kCommit) || !commits->getObject(kCommit)->has(key)) return "";
  return commits->getObject(kCommit)->getObject(key)->getValue<std::string>("state");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_github_app)

BOOST_AUTO_TEST_CASE(a_status_posted_as_the_app_arrives) {
  TempDir dir;
  ForgeSim sim(github_app_sim(dir));
  RecordingClient session(app_yaml(sim, dir, write_key(dir, "app.pem", rsa_test_key().pkcs1_pem)));
  session.status(kGithubRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
  std::size_t left = 99;
  BOOST_TEST(session.flush(0, 20000, &left) == CIB_OK);
  BOOST_TEST(left == 0u);
  BOOST_TEST(status_state(sim, "build") == "SUCCESSFUL");
  BOOST_TEST(token_exchanges(sim) == 1);
  // The exchange is not a request of the budget's: one status, one request.
  BOOST_TEST(json_number(session.stats(), "requests") == 1);
  session.status(kGithubRepo, kCommit, "test", CIB_STATE_FAILED);
  BOOST_TEST(session.flush(0, 20000) == CIB_OK);
  BOOST_TEST(token_exchanges(sim) == 1);  // the token is kept
}

BOOST_AUTO_TEST_CASE(a_token_near_its_expiry_is_renewed_before_it_is_used) {
  TempDir dir;
  // Every token arrives with less than five minutes left: each request needs a new one.
  ForgeSim sim(github_app_sim(dir, 240));
  RecordingClient session(app_yaml(sim, dir, write_key(dir, "app.pem", rsa_test_key().pkcs8_pem)));
  session.status(kGithubRepo, kCommit, "build", CIB_STATE_INPROGRESS);
  BOOST_TEST(session.flush(0, 20000) == CIB_OK);
  session.status(kGithubRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
  BOOST_TEST(session.flush(0, 20000) == CIB_OK);
  BOOST_TEST(status_state(sim, "build") == "SUCCESSFUL");
  BOOST_TEST(token_exchanges(sim) == 2);
  for (const auto& line : session.log_lines()) {
    BOOST_TEST(line.find("BEGIN") == std::string::npos, line);
    BOOST_TEST(line.find("ghs_") == std::string::npos, line);  // forge-sim's token prefix
  }
}

BOOST_AUTO_TEST_CASE(a_wrong_key_fails_with_a_clear_message_and_the_post_is_kept) {
  TempDir dir;
  ForgeSim sim(github_app_sim(dir));
  {
    RecordingClient wrong(
        app_yaml(sim, dir, write_key(dir, "wrong.pem", other_rsa_test_key().pkcs8_pem)));
    wrong.status(kGithubRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
    std::size_t left = 0;
    BOOST_TEST(wrong.flush(0, 1500, &left) != CIB_OK);
    BOOST_TEST(left == 1u);
    wrong.poll();
    bool said = false;
    for (const auto& line : wrong.log_lines()) {
      said = said || line.find("the App's id, key or installation is wrong") != std::string::npos;
      BOOST_TEST(line.find("PRIVATE KEY") == std::string::npos, line);
    }
    BOOST_TEST(said);
    for (const auto& delivery : wrong.deliveries()) {
      BOOST_TEST(delivery.outcome != CIB_OUTCOME_FAILED, delivery.message);
    }
    BOOST_TEST(status_state(sim, "build") == "");
  }
  // The post waited in the spool: a client with the right key delivers it.
  RecordingClient right(app_yaml(sim, dir, write_key(dir, "app.pem", rsa_test_key().pkcs1_pem)));
  std::size_t left = 99;
  BOOST_TEST(right.flush(0, 20000, &left) == CIB_OK);
  BOOST_TEST(left == 0u);
  BOOST_TEST(status_state(sim, "build") == "SUCCESSFUL");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
