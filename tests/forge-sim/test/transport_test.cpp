// TLS mode, clean shutdown (state file and log), and the control endpoints staying unlogged.
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <sys/wait.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "forge_sim.h"
#include "sim_client.h"
#include "temp_dir.h"
#include "test_certificates.h"

using cib::test::ForgeSim;
using cib::test::ForgeSimOptions;
using cib::test::kRepo;
using cib::test::SimClient;
using cib::test::TempDir;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Poco::Net::Context::Ptr verifying_context(const std::string& ca_file) {
  return new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", ca_file,
                                Poco::Net::Context::VERIFY_STRICT, 9, false);
}

const std::string kStatus = kRepo + "/commit/abc123/statuses/build";

}  // namespace

BOOST_AUTO_TEST_SUITE(transport)

BOOST_AUTO_TEST_CASE(tls_mode_serves_with_a_generated_certificate) {
  TempDir dir;
  const auto certs = cib::test::make_test_certificates(dir.path());
  ForgeSimOptions options;
  options.tls = true;
  options.cert_file = certs.server_cert;
  options.key_file = certs.server_key;
  options.ca_file = certs.ca_cert;
  ForgeSim sim(options);
  BOOST_TEST(sim.api_url().rfind("https://127.0.0.1:", 0) == 0u);

  SimClient client(sim.origin(), "Bearer t", verifying_context(certs.ca_cert));
  BOOST_TEST(client.post(kStatus, R"({"key":"build","state":"SUCCESSFUL"})").status == 201);
  BOOST_TEST(client.get(kStatus + "/build").status == 200);  // same keep-alive connection
  BOOST_TEST(sim.state()->getObject("statuses")->has("acme/web"));
}

BOOST_AUTO_TEST_CASE(tls_drop_after_still_applies) {
  TempDir dir;
  const auto certs = cib::test::make_test_certificates(dir.path());
  ForgeSimOptions options;
  options.tls = true;
  options.cert_file = certs.server_cert;
  options.key_file = certs.server_key;
  options.faults = "drop-after@1";
  ForgeSim sim(options);
  SimClient client(sim.origin(), "Bearer t", verifying_context(certs.ca_cert));
  BOOST_CHECK_THROW(client.post(kStatus, R"({"key":"build","state":"SUCCESSFUL"})"),
                    Poco::Exception);
  BOOST_TEST(sim.state()->getObject("statuses")->has("acme/web"));
}

BOOST_AUTO_TEST_CASE(a_certificate_for_another_name_fails_verification) {
  TempDir dir;
  const auto certs = cib::test::make_test_certificates(dir.path());
  ForgeSimOptions options;
  options.tls = true;
  options.cert_file = certs.other_cert;
  options.key_file = certs.other_key;
  ForgeSim sim(options);
  SimClient client(sim.origin(), "Bearer t", verifying_context(certs.ca_cert));
  BOOST_CHECK_THROW(client.get(kStatus + "/build"), Poco::Exception);
}

BOOST_AUTO_TEST_CASE(sigterm_writes_the_state_file_and_the_log) {
  TempDir dir;
  ForgeSimOptions options;
  options.state_out = dir.file("state.json");
  options.log_file = dir.file("requests.jsonl");
  ForgeSim sim(options);
  SimClient client(sim.origin(), "Bearer not-in-the-log");
  BOOST_TEST(client.post(kStatus, R"({"key":"build","state":"FAILED"})").status == 201);
  sim.state();  // control calls are not API requests: not logged

  const int status = sim.stop();
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  const auto state =
      Poco::JSON::Parser().parse(read_file(options.state_out)).extract<Poco::JSON::Object::Ptr>();
  BOOST_TEST(state->getObject("statuses")
                 ->getObject("acme/web")
                 ->getObject("abc123")
                 ->getObject("build")
                 ->getValue<std::string>("state") == "FAILED");
  const std::string log = read_file(options.log_file);
  BOOST_TEST(std::count(log.begin(), log.end(), '\n') == 1);
  BOOST_TEST(log.find("not-in-the-log") == std::string::npos);
  BOOST_TEST(log.find("\"status\":201") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(shutdown_endpoint_stops_the_simulator) {
  ForgeSim sim;
  sim.control("POST", "/_sim/shutdown");
  const int status = sim.stop();
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
