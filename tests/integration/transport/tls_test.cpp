#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/SocketAddress.h"
#include "temp_dir.h"
#include "test_certificates.h"
#include "test_server.h"
#include "transport/http_client.h"

namespace cib {
namespace {

using Kind = TransportError::Kind;
using test::ServerCertificate;
using test::TestServer;

constexpr const char* kSecret = "Bearer tls-sekrit-41c9";

TransportSettings tls_settings(const TestServer& server, const std::string& ca_file) {
  TransportSettings settings;
  settings.base_url = server.url("/2.0");
  settings.tls_ca_file = ca_file;
  settings.connect_timeout_ms = 5000;
  settings.read_timeout_ms = 10000;
  return settings;
}

HttpRequest status_post() {
  HttpRequest r;
  r.method = "POST";
  r.target = "/repositories/acme/web/commit/3f2c/statuses/build";
  r.headers = {{"Authorization", kSecret}};
  r.body = R"({"state":"INPROGRESS"})";
  return r;
}

TransportError send_error(HttpClient& client) {
  try {
    client.send(status_post());
  } catch (const TransportError& e) {
    BOOST_TEST_MESSAGE(e.what());
    return e;
  }
  BOOST_FAIL("expected a TransportError");
  throw std::logic_error("unreachable");
}

// The shared test certificates (tests/support), as the TLS test server takes them, in a
// folder removed again when the test ends.
class ServerCertificates {
 public:
  ServerCertificates() : files_(test::make_test_certificates(dir_.path())) {}
  std::string ca_file() const { return files_.ca_cert; }
  ServerCertificate loopback() const { return {files_.server_cert, files_.server_key}; }
  ServerCertificate other_name() const { return {files_.other_cert, files_.other_key}; }
  ServerCertificate self_signed() const { return {files_.self_cert, files_.self_key}; }
  std::string dir() const { return dir_.path(); }

 private:
  test::TempDir dir_{"cib-tls"};
  test::TestCertificates files_;
};

struct Certificates {
  ServerCertificates certificates;
};

BOOST_FIXTURE_TEST_SUITE(tls, Certificates)

BOOST_AUTO_TEST_CASE(certificate_of_an_unknown_ca_is_refused) {
  TestServer server(certificates.loopback());
  HttpClient client(tls_settings(server, ""));
  const TransportError error = send_error(client);
  BOOST_TEST((error.kind() == Kind::tls));
  BOOST_TEST(!error.maybe_applied());
  BOOST_TEST(std::string(error.what()).find("local issuer") != std::string::npos);
  BOOST_TEST(std::string(error.what()).find("sekrit") == std::string::npos);
  BOOST_TEST(server.targets().empty());
}

BOOST_AUTO_TEST_CASE(self_signed_certificate_is_refused) {
  TestServer server(certificates.self_signed());
  HttpClient without_ca(tls_settings(server, ""));
  BOOST_TEST((send_error(without_ca).kind() == Kind::tls));
  HttpClient with_other_ca(tls_settings(server, certificates.ca_file()));
  BOOST_TEST((send_error(with_other_ca).kind() == Kind::tls));
  BOOST_TEST(server.targets().empty());
}

BOOST_AUTO_TEST_CASE(ca_file_makes_the_host_certificate_trusted) {
  TestServer server(certificates.loopback());
  HttpClient client(tls_settings(server, certificates.ca_file()));
  for (int i = 0; i < 2; ++i) {
    const HttpResponse response = client.send(status_post());
    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body ==
               "POST /2.0/repositories/acme/web/commit/3f2c/statuses/build\n"
               "{\"state\":\"INPROGRESS\"}");
  }
  BOOST_TEST(server.connections() == 1u);
}

BOOST_AUTO_TEST_CASE(certificate_for_another_name_is_refused_on_loopback) {
  TestServer server(certificates.other_name());
  HttpClient client(tls_settings(server, certificates.ca_file()));
  const TransportError error = send_error(client);
  BOOST_TEST((error.kind() == Kind::tls));
  BOOST_TEST(std::string(error.what()).find("IP address mismatch") != std::string::npos);
  BOOST_TEST(server.targets().empty());
}

BOOST_AUTO_TEST_CASE(verification_off_accepts_any_certificate) {
  TestServer server(certificates.other_name());
  TransportSettings settings = tls_settings(server, "");
  settings.tls_verify = false;
  HttpClient client(settings);
  BOOST_TEST(client.send(status_post()).status == 200);
  BOOST_TEST(server.targets().size() == 1u);
}

BOOST_AUTO_TEST_CASE(stalled_handshake_is_a_connect_failure) {
  // Accepts TCP connections (the kernel's backlog) but never says a word of TLS.
  Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
  TransportSettings settings;
  settings.base_url = "https://127.0.0.1:" + std::to_string(silent.address().port());
  settings.connect_timeout_ms = 300;
  HttpClient client(settings);
  const TransportError error = send_error(client);
  BOOST_TEST((error.kind() == Kind::connect));
  BOOST_TEST(!error.maybe_applied());
}

BOOST_AUTO_TEST_CASE(unreadable_ca_file_is_refused_at_construction) {
  TestServer server(certificates.loopback());
  BOOST_CHECK_THROW(HttpClient(tls_settings(server, certificates.dir() + "/missing.pem")),
                    std::invalid_argument);
  BOOST_CHECK_THROW(HttpClient(tls_settings(server, certificates.dir() + "/openssl.cnf")),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
