#include "host_client.h"

#include <boost/test/unit_test.hpp>

#include "client_fixture.h"

namespace cib::test {

cib_client* open_host_client_at(const std::string& api_url, const TempDir& dir,
                                const std::string& sync, const std::string& extra) {
  const std::string yaml = "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: " + api_url +
                           "\n    auth: { type: bearer, token: \"host-test\" }\n"
                           "  batching: { linger_ms: 0, terminal_linger_ms: 0 }\n"
                           "  transport: { retry_base_ms: 20, retry_max_ms: 500 }\n"
                           "  spool: { sync: " +
                           sync + ", path: \"" + dir.file("spool.db") + "\" }\n" +
                           "  budget: { path: \"" + dir.file("budget.db") + "\" }\n" + extra;
  char err[512] = "";
  cib_config* conf = nullptr;
  BOOST_REQUIRE(cib_config_new(&conf, err, sizeof err) == CIB_OK);
  cib_client* client = nullptr;
  const bool opened = cib_config_load_yaml(conf, yaml.c_str(), err, sizeof err) == CIB_OK &&
                      cib_client_new(&client, conf, err, sizeof err) == CIB_OK;
  cib_config_destroy(conf);
  BOOST_REQUIRE_MESSAGE(opened, err);
  return client;
}

cib_client* open_host_client(const ForgeSim& sim, const TempDir& dir, const std::string& sync,
                             const std::string& extra) {
  return open_host_client_at(sim.api_url(), dir, sync, extra);
}

cib_status post_status(cib_client* client, const std::string& key, std::uint64_t tag,
                       const std::string& description) {
  cib_build_status s = CIB_BUILD_STATUS_INIT;
  s.repo = kRepo.c_str();
  s.commit = kCommit.c_str();
  s.key = key.c_str();
  s.state = CIB_STATE_SUCCESSFUL;
  s.description = description.c_str();
  char err[256];
  return cib_client_post_status(client, &s, tag, 0, err, sizeof err);
}

void require_flushed(cib_client* client, int timeout_ms) {
  char err[512] = "";
  std::size_t left = 0;
  const cib_status flushed = cib_client_flush(client, 0, timeout_ms, &left, err, sizeof err);
  BOOST_REQUIRE_MESSAGE(flushed == CIB_OK, cib_status_name(flushed) << ": " << err);
  BOOST_TEST(left == 0u);
}

}  // namespace cib::test
