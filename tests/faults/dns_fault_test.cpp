// The DNS row of the fault matrix. The API URL names a host no resolver can answer for: the
// first client runs on a thread in a new, empty network namespace (no interface up), so the
// lookup fails at once and no packet leaves the machine, whatever /etc/resolv.conf says. That
// beats a made-up name in the real network, which would ask the configured DNS server. Once
// the fault passes, a second client, on a thread whose own /etc/hosts maps the name to
// 127.0.0.1, must deliver what the first left in the spool (same API URL, same identity).
#include <boost/test/unit_test.hpp>
#include <fstream>

#include "matrix_row.h"
#include "thread_namespace.h"

namespace cib::test {

BOOST_AUTO_TEST_SUITE(dns_fault)

BOOST_AUTO_TEST_CASE(a_name_that_cannot_resolve_loses_nothing) {
  MatrixRow row("DNS failure (empty network namespace)");
  ForgeSim sim;
  const std::string name = "forge-sim.cibatch-matrix.invalid";
  const std::string url = "http://" + name + ":" + std::to_string(sim.port()) + "/2.0";
  const std::string yaml = row.yaml(url, "  tls: { allow_insecure_http: true }\n");
  std::size_t left = 0;
  std::vector<Delivery> reports;
  DesiredState want;
  ThreadNamespace offline;
  offline.new_network = true;
  const std::string why =
      run_in_namespace(offline, [&] { want = post_during_fault(row, yaml, left, reports); });
  BOOST_REQUIRE_MESSAGE(why.empty(), "the DNS row needs root: " << why);
  BOOST_TEST(left > 0u);
  BOOST_TEST(reports.empty());  // a lookup that fails is retried, not given up on
  BOOST_TEST(sim_requests(sim) == 0);

  ThreadNamespace resolving;
  resolving.hosts_file = row.dir().file("hosts");
  std::ofstream(resolving.hosts_file) << "127.0.0.1 localhost\n127.0.0.1 " << name << "\n";
  int lost = -1;
  BOOST_REQUIRE(
      run_in_namespace(resolving, [&] { lost = deliver_leftovers(row, sim, yaml, want); }).empty());
  row.print(sim_requests(sim), "retried, flush and destroy bounded; delivered once it resolves",
            lost);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
