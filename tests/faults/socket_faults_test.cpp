// The rows of the fault matrix that need a broken peer rather than a broken answer: a host
// that accepts and never answers, https to a port that speaks plain HTTP, a certificate for
// another name, and a proxy that refuses CONNECT. Where the fault can pass (the host comes
// back, the proxy is dropped from the configuration), a second client on the same spool and
// API URL must deliver everything the first one left.
#include <boost/test/unit_test.hpp>

#include "matrix_row.h"
#include "raw_listener.h"
#include "test_certificates.h"

namespace cib::test {
namespace {

// The reports of a fault the client calls final: one FAILED per slot, naming `words`; the
// older version of each slot SUPERSEDED.
void expect_failed_once_each(const std::vector<Delivery>& reports, const std::string& words) {
  int failed = 0;
  for (const auto& d : reports) {
    if (d.outcome != CIB_OUTCOME_FAILED) {
      BOOST_TEST(d.outcome == CIB_OUTCOME_SUPERSEDED);  // the first version of each slot
      continue;
    }
    ++failed;
    BOOST_TEST(d.message.find(words) != std::string::npos, d.message);
  }
  BOOST_TEST(failed == 3);
}

ForgeSimOptions tls_sim(const TestCertificates& certs, bool other_name) {
  ForgeSimOptions o;
  o.tls = true;
  o.cert_file = other_name ? certs.other_cert : certs.server_cert;
  o.key_file = other_name ? certs.other_key : certs.server_key;
  o.ca_file = other_name ? "" : certs.ca_cert;  // the control calls cannot verify that name
  return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(socket_faults)

BOOST_AUTO_TEST_CASE(a_host_that_accepts_and_never_answers) {
  MatrixRow row("host never answers (accepts, silent)");
  auto silent = std::make_unique<RawListener>();
  const std::uint16_t port = silent->port();
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/2.0";
  std::size_t left = 0;
  std::vector<Delivery> reports;
  const DesiredState want = post_during_fault(row, row.yaml(url), left, reports);
  BOOST_TEST(left > 0u);
  BOOST_TEST(reports.empty());  // nothing is given up on
  BOOST_TEST(silent->connections() >= 1);
  silent.reset();  // the host comes back on the same port
  ForgeSimOptions options;
  options.extra_args = {"--port", std::to_string(port)};
  ForgeSim sim(options);
  BOOST_REQUIRE(sim.api_url() == url);
  const int lost = deliver_leftovers(row, sim, row.yaml(url), want);
  row.print(sim_requests(sim), "flush and destroy bounded; all delivered once the host is back",
            lost);
}

// https to a port that answers plain HTTP, and a TLS server that aborts the handshake with a
// fatal handshake_failure alert: both are refused for good, one FAILED report per slot.
BOOST_AUTO_TEST_CASE(a_tls_handshake_failure_is_reported) {
  const std::pair<std::string, std::string> peers[] = {
      {"https to a port that answers plain HTTP",
       "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"},
      {"a TLS server that aborts with an alert", std::string("\x15\x03\x03\x00\x02\x02\x28", 7)}};
  for (const auto& [what, bytes] : peers) {
    MatrixRow row("TLS handshake failure (" + what + ")");
    RawListener peer(bytes);
    const std::string url = "https://127.0.0.1:" + std::to_string(peer.port()) + "/2.0";
    std::size_t left = 0;
    std::vector<Delivery> reports;
    post_during_fault(row, row.yaml(url), left, reports);
    BOOST_TEST(left == 0u);
    expect_failed_once_each(reports, "TLS handshake failed");
    BOOST_TEST(peer.connections() >= 1);
    row.print(0, "FAILED report per slot (TLS handshake failed), not retried", 0);
  }
}

BOOST_AUTO_TEST_CASE(a_certificate_for_another_name_is_refused_on_127_0_0_1) {
  MatrixRow row("certificate for another host name");
  const TestCertificates certs = make_test_certificates(row.dir().path());
  ForgeSim sim(tls_sim(certs, true));
  std::size_t left = 0;
  std::vector<Delivery> reports;
  const std::string tls = "  tls: { ca_file: \"" + certs.ca_cert + "\" }\n";
  post_during_fault(row, row.yaml(sim.api_url(), tls), left, reports);
  BOOST_TEST(left == 0u);
  expect_failed_once_each(reports, "certificate");
  BOOST_TEST(sim_requests(sim) == 0);
  row.print(sim_requests(sim), "FAILED report per slot (certificate refused)", 0);
}

BOOST_AUTO_TEST_CASE(a_proxy_that_refuses_connect_loses_nothing) {
  for (const std::string refusal : {"403 Forbidden", "407 Proxy Authentication Required"}) {
    MatrixRow row("proxy refuses CONNECT (" + refusal.substr(0, 3) + ")");
    const TestCertificates certs = make_test_certificates(row.dir().path());
    ForgeSim sim(tls_sim(certs, false));
    RawListener proxy("HTTP/1.1 " + refusal +
                      "\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n"
                      "Content-Length: 0\r\nConnection: close\r\n\r\n");
    const std::string tls = "  tls: { ca_file: \"" + certs.ca_cert + "\" }\n";
    const std::string via_proxy =
        tls + "  proxy: \"http://127.0.0.1:" + std::to_string(proxy.port()) + "\"\n";
    std::size_t left = 0;
    std::vector<Delivery> reports;
    const DesiredState want =
        post_during_fault(row, row.yaml(sim.api_url(), via_proxy), left, reports);
    BOOST_TEST(left > 0u);
    BOOST_TEST(reports.empty());
    BOOST_REQUIRE(!proxy.heads().empty());
    BOOST_TEST(proxy.heads()[0].rfind("CONNECT 127.0.0.1:", 0) == 0u);
    BOOST_TEST(sim_requests(sim) == 0);
    // The fault passes: the proxy is taken out of the configuration.
    const int lost = deliver_leftovers(row, sim, row.yaml(sim.api_url(), tls), want);
    row.print(sim_requests(sim), "retried, flush and destroy bounded; delivered without it", lost);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
