// The administrator's file through the C ABI against two simulators: a pipeline's YAML that
// points the administrator's token at another host is refused before any request, and the
// host the administrator named receives every post with the administrator's token.
#include <stdlib.h>
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "client_fixture.h"
#include "recording_client.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

const std::string kAdminToken = "admin-tok-Qw7Er5Ty3Ui1";

// CIBATCH_ADMIN_CONFIG names a file holding `yaml` until the end of the scope.
class AdminConfig {
 public:
  explicit AdminConfig(const std::string& yaml) : path_(dir_.file("cibatch.yml")) {
    std::ofstream(path_) << yaml;
    ::setenv("CIBATCH_ADMIN_CONFIG", path_.c_str(), 1);
  }
  ~AdminConfig() { ::unsetenv("CIBATCH_ADMIN_CONFIG"); }
  AdminConfig(const AdminConfig&) = delete;
  AdminConfig& operator=(const AdminConfig&) = delete;

 private:
  TempDir dir_;
  std::string path_;
};

std::string admin_yaml(const ForgeSim& host) {
  return "cibatch:\n"
         "  host:\n"
         "    kind: bitbucket-cloud\n"
         "    api_url: " +
         host.api_url() + "\n    allowed_urls: [" + host.origin() +
         "]\n"
         "    auth: { type: bearer, token: \"" +
         kAdminToken + "\" }\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_admin_lock)

BOOST_AUTO_TEST_CASE(a_pipeline_cannot_send_the_admin_token_to_another_host) {
  ForgeSimOptions only_admin_token;
  only_admin_token.require_token = kAdminToken;
  ForgeSim host(only_admin_token);
  ForgeSim other;
  const AdminConfig admin(admin_yaml(host));
  // The pipeline's YAML names the other simulator, over plain http on loopback.
  const std::string redirect = "cibatch:\n  host:\n    api_url: " + other.api_url() + "\n";
  BOOST_CHECK_EXCEPTION(
      RecordingClient session(redirect), cibatch::Error, [](const cibatch::Error& e) {
        return std::string(e.what()).find("host.api_url is locked") != std::string::npos;
      });
  const TempDir files;
  RecordingClient session("cibatch:\n  batching: " + kFlushOnly +
                          "\n  spool: { path: " + files.file("spool.db") +
                          " }\n  budget: { path: " + files.file("budget.db") + " }\n");
  session.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
  session.flush(0, 20000);
  BOOST_TEST(other.requests().empty());
  BOOST_TEST(host.requests().size() == 1u);
  const std::vector<Delivery> deliveries = session.deliveries();
  BOOST_REQUIRE_EQUAL(deliveries.size(), 1u);
  BOOST_TEST(deliveries[0].outcome == CIB_OUTCOME_DELIVERED);  // with the admin's token
}

BOOST_AUTO_TEST_CASE(a_token_file_that_is_a_fifo_is_refused_at_once) {
  ForgeSim host;
  TempDir dir;
  const std::string fifo = dir.file("token");
  BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string yaml =
      client_yaml(host, "  spool: { path: " + dir.file("spool.db") +
                            " }\n  budget: { path: " + dir.file("budget.db") + " }\n");
  const std::string bearer = "auth: { type: bearer, token: \"integration-token\" }";
  yaml.replace(yaml.find(bearer), bearer.size(), "auth: { token_file: \"" + fifo + "\" }");
  const auto start = std::chrono::steady_clock::now();
  BOOST_CHECK_THROW(RecordingClient session(yaml), cibatch::Error);
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(5)));
  BOOST_TEST(host.requests().empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
