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

// A fault on this side of TLS: no delivery report, nothing left the spool, and the log names
// the cause (`words`). Returns the newest content posted.
DesiredState post_into_tls_fault(MatrixRow& row, const std::string& yaml,
                                 const std::string& words) {
  RecordingClient session(yaml);
  const DesiredState want = row.post(session);
  BOOST_TEST(row.timed_flush(session, 1500) > 0u);
  BOOST_TEST(session.deliveries().empty());  // retried, never given up on
  bool named = false;
  for (const auto& line : session.log_lines())
    named = named || line.find(words) != std::string::npos;
  BOOST_TEST(named, "no log line names: " << words);
  row.timed_close(session);
  return want;
}

ForgeSimOptions on_port(ForgeSimOptions options, std::uint16_t port) {
  options.extra_args = {"--port", std::to_string(port)};
  return options;
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
// fatal handshake_failure alert: retried and logged, never reported as given up; once a real
// TLS host answers on that port, everything is delivered.
BOOST_AUTO_TEST_CASE(a_tls_handshake_failure_is_retried_until_the_host_speaks_tls) {
  const std::pair<std::string, std::string> peers[] = {
      {"https to a port that answers plain HTTP",
       "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"},
      {"a TLS server that aborts with an alert", std::string("\x15\x03\x03\x00\x02\x02\x28", 7)}};
  for (const auto& [what, bytes] : peers) {
    MatrixRow row("TLS handshake failure (" + what + ")");
    const TestCertificates certs = make_test_certificates(row.dir().path());
    auto peer = std::make_unique<RawListener>(bytes);
    const std::uint16_t port = peer->port();
    const std::string tls = "  tls: { ca_file: \"" + certs.ca_cert + "\" }\n";
    const std::string url = "https://127.0.0.1:" + std::to_string(port) + "/2.0";
    const DesiredState want = post_into_tls_fault(row, row.yaml(url, tls), "TLS handshake failed");
    BOOST_TEST(peer->connections() >= 1);
    peer.reset();  // a TLS host takes the port
    ForgeSim sim(on_port(tls_sim(certs, false), port));
    BOOST_REQUIRE(sim.api_url() == url);
    const int lost = deliver_leftovers(row, sim, row.yaml(url, tls), want);
    row.print(sim_requests(sim), "retried and logged, no report; delivered once TLS works", lost);
  }
}

// The certificate names another host: nothing is sent to it, the log says why and how to fix
// it, and the updates wait; once the host shows a certificate for its name, they are delivered.
BOOST_AUTO_TEST_CASE(a_certificate_for_another_name_is_refused_on_127_0_0_1) {
  MatrixRow row("certificate for another host name");
  const TestCertificates certs = make_test_certificates(row.dir().path());
  auto wrong = std::make_unique<ForgeSim>(tls_sim(certs, true));
  const std::string url = wrong->api_url();
  const std::uint16_t port = static_cast<std::uint16_t>(wrong->port());
  const std::string tls = "  tls: { ca_file: \"" + certs.ca_cert + "\" }\n";
  const DesiredState want = post_into_tls_fault(row, row.yaml(url, tls), "certificate");
  BOOST_TEST(sim_requests(*wrong) == 0);  // refused before any request
  wrong.reset();
  ForgeSim sim(on_port(tls_sim(certs, false), port));
  BOOST_REQUIRE(sim.api_url() == url);
  const int lost = deliver_leftovers(row, sim, row.yaml(url, tls), want);
  row.print(sim_requests(sim), "refused, nothing sent, logged; delivered to the right certificate",
            lost);
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
