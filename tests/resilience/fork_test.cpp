// After fork() the child cannot use its parent's client: every call is refused with
// CIB_ERR_FORKED and destroy only leaks; the parent's client goes on undisturbed.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "cibatch.h"
#include "forge_sim.h"

namespace cib::test {
namespace {

cib_client* open_client(const ForgeSim& sim) {
  const std::string yaml =
      "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: " + sim.api_url() +
      "\n    auth: { type: bearer, token: \"fork-test\" }\n"
      "  batching: { linger_ms: 100, terminal_linger_ms: 20 }\n"
      "  spool: { sync: off }\n";
  char err[512];
  cib_config* conf = nullptr;
  BOOST_REQUIRE(cib_config_new(&conf, err, sizeof err) == CIB_OK);
  BOOST_REQUIRE_MESSAGE(cib_config_load_yaml(conf, yaml.c_str(), err, sizeof err) == CIB_OK, err);
  cib_client* client = nullptr;
  BOOST_REQUIRE_MESSAGE(cib_client_new(&client, conf, err, sizeof err) == CIB_OK, err);
  cib_config_destroy(conf);
  return client;
}

cib_status post(cib_client* client, const char* key) {
  cib_build_status s = CIB_BUILD_STATUS_INIT;
  s.repo = "acme/web";
  s.commit = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";
  s.key = key;
  s.state = CIB_STATE_SUCCESSFUL;
  char err[256];
  return cib_client_post_status(client, &s, 1, 0, err, sizeof err);
}

// The child's checks, as an exit code: 0 when every call was refused as it should be.
int child_checks(cib_client* client) {
  int failures = 0;
  char err[256];
  failures += post(client, "child") != CIB_ERR_FORKED;
  failures += cib_client_flush(client, 0, 100, nullptr, err, sizeof err) != CIB_ERR_FORKED;
  failures += cib_client_poll(client, 0, nullptr, err, sizeof err) != CIB_ERR_FORKED;
  cib_client_destroy(client);  // must return at once, touching nothing of the parent's
  return failures;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_forked_child_is_refused_and_the_parent_goes_on) {
  ForgeSim sim;
  cib_client* client = open_client(sim);
  BOOST_TEST(post(client, "before") == CIB_OK);
  const pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) ::_exit(child_checks(client));
  int status = 0;
  BOOST_REQUIRE(::waitpid(child, &status, 0) == child);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);

  BOOST_TEST(post(client, "after") == CIB_OK);
  char err[256];
  BOOST_TEST(cib_client_flush(client, 0, 10000, nullptr, err, sizeof err) == CIB_OK);
  cib_client_destroy(client);
  const auto statuses = sim.state()->getObject("statuses")->getObject("acme/web");
  const auto keys = statuses->getObject("3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a");
  BOOST_TEST(keys->has("before"));
  BOOST_TEST(keys->has("after"));
  BOOST_TEST(!keys->has("child"));
}

}  // namespace cib::test
