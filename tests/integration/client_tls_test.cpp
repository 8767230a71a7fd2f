// TLS: a certificate the client cannot verify is refused, a trusted one accepted. (A
// certificate for another name is a row of the fault matrix, tests/faults.)
#include <boost/test/unit_test.hpp>

#include "client_fixture.h"
#include "recording_client.h"
#include "temp_dir.h"
#include "test_certificates.h"

namespace cib::test {
namespace {

struct TlsFixture {
  TempDir dir;
  TestCertificates certs = make_test_certificates(dir.path());

  ForgeSimOptions sim_options() const {
    ForgeSimOptions o;
    o.tls = true;
    o.cert_file = certs.server_cert;
    o.key_file = certs.server_key;
    o.ca_file = certs.ca_cert;
    return o;
  }

  // Posts one status and returns its delivery report.
  Delivery deliver_one(const ForgeSim& sim, const std::string& tls_yaml) {
    RecordingClient session(client_yaml(sim, tls_yaml));
    session.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
    BOOST_TEST(session.flush(0, 20000) == CIB_OK);
    const auto reports = session.deliveries();
    BOOST_REQUIRE(reports.size() == 1u);
    return reports[0];
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(client_tls, TlsFixture)

BOOST_AUTO_TEST_CASE(a_certificate_from_an_unknown_authority_is_refused_and_the_post_waits) {
  ForgeSim sim(sim_options());
  {
    RecordingClient session(client_yaml(sim, ""));
    session.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
    BOOST_TEST(session.flush(0, 1500) == CIB_ERR_UNDELIVERED);  // a gating status waits
    BOOST_TEST(session.deliveries().empty());                   // retried, not given up on
    bool named = false;
    for (const auto& line : session.log_lines()) {
      named = named || (line.find("certificate") != std::string::npos &&
                        line.find("tls.ca_file") != std::string::npos);
    }
    BOOST_TEST(named);
  }
  BOOST_TEST(sim.stats()->getValue<long>("requests") == 0);
  // With the CA configured, the next client on the same spool delivers what waited.
  const Delivery d = deliver_one(sim, "  tls: { ca_file: \"" + certs.ca_cert + "\" }\n");
  BOOST_TEST(d.outcome == CIB_OUTCOME_DELIVERED);
}

BOOST_AUTO_TEST_CASE(a_certificate_signed_by_the_configured_ca_is_accepted) {
  ForgeSim sim(sim_options());
  const Delivery d = deliver_one(sim, "  tls: { ca_file: \"" + certs.ca_cert + "\" }\n");
  BOOST_TEST(d.outcome == CIB_OUTCOME_DELIVERED);
  BOOST_TEST(sim.stats()->getValue<long>("requests") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
