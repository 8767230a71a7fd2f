// After fork() the child cannot use its parent's client: every call is refused with
// CIB_ERR_FORKED and destroy only leaks; the parent's client goes on undisturbed. The child can
// open a client of its own and use it fully, whichever of the two it destroys first.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>

#include "cibatch.h"
#include "forge_sim.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

constexpr const char* kCommit = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";

// The simulator and a budget file of the test's own, which parent and children share (the
// machine's file would keep what these tests spend for an hour).
struct Host {
  ForgeSim sim;
  TempDir dir;
};

// A client of the simulator, or NULL with the reason in err. Usable in a child, which must not
// use Boost.Test.
cib_client* try_open_client(const Host& host, char* err, std::size_t err_size) {
  const std::string yaml =
      "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: " + host.sim.api_url() +
      "\n    auth: { type: bearer, token: \"fork-test\" }\n"
      "  batching: { linger_ms: 100, terminal_linger_ms: 20 }\n"
      "  spool: { sync: off }\n"
      "  budget: { limit: 100000, window_s: 60, path: \"" +
      host.dir.file("budget.db") + "\" }\n";
  cib_config* conf = nullptr;
  if (cib_config_new(&conf, err, err_size) != CIB_OK) return nullptr;
  cib_client* client = nullptr;
  if (cib_config_load_yaml(conf, yaml.c_str(), err, err_size) == CIB_OK) {
    cib_client_new(&client, conf, err, err_size);
  }
  cib_config_destroy(conf);
  return client;
}

cib_client* open_client(const Host& host) {
  char err[512];
  cib_client* client = try_open_client(host, err, sizeof err);
  BOOST_REQUIRE_MESSAGE(client != nullptr, err);
  return client;
}

cib_status post(cib_client* client, const char* key) {
  cib_build_status s = CIB_BUILD_STATUS_INIT;
  s.repo = "acme/web";
  s.commit = kCommit;
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

// What a child's own new client did, as an exit code: 0 when it opened, posted, and its flush
// delivered the post.
enum ChildStep { kOpened = 0, kOpenFailed = 10, kPostFailed = 11, kFlushFailed = 12 };

int post_and_flush(cib_client* own, const char* key) {
  char err[256];
  if (post(own, key) != CIB_OK) return kPostFailed;
  if (cib_client_flush(own, 0, 10000, nullptr, err, sizeof err) != CIB_OK) {
    std::fprintf(stderr, "child: %s\n", err);
    return kFlushFailed;
  }
  return kOpened;
}

// The child opens a client of its own, uses it, destroys it, and only then the inherited one.
int child_destroys_its_own_client_first(const Host& host, cib_client* inherited) {
  char err[512];
  cib_client* own = try_open_client(host, err, sizeof err);
  if (own == nullptr) return kOpenFailed;
  const int step = post_and_flush(own, "child-own-first");
  cib_client_destroy(own);
  cib_client_destroy(inherited);  // only leaks; must not touch the child's own threads
  return step;
}

// The child opens a client of its own, destroys the inherited one, then uses its own.
int child_destroys_the_inherited_client_first(const Host& host, cib_client* inherited) {
  char err[512];
  cib_client* own = try_open_client(host, err, sizeof err);
  if (own == nullptr) return kOpenFailed;
  cib_client_destroy(inherited);  // only leaks; must not touch the child's own dispatcher
  const int step = post_and_flush(own, "child-inherited-first");
  cib_client_destroy(own);
  return step;
}

// Forks with an open client whose dispatcher runs, runs `child` in the child, and checks that
// it exited with 0 (an abort or an escaping exception kills it with a signal instead).
void fork_and_check(cib_client* client, int (*child)(const Host&, cib_client*), const Host& host) {
  const pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    // Boost.Test's handlers would turn an abort into a test failure and run the rest of the
    // module in the child; the parent must see the signal instead.
    for (int signal : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(signal, SIG_DFL);
    ::_exit(child(host, client));
  }
  int status = 0;
  BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
  BOOST_TEST(!WIFSIGNALED(status), "the child was killed by signal " << WTERMSIG(status));
  BOOST_TEST(WIFEXITED(status) != 0, "the child did not exit");
  BOOST_TEST(WEXITSTATUS(status) == 0,
             "the child's own client failed at step " << WEXITSTATUS(status));
}

Poco::JSON::Object::Ptr statuses_of_commit(const Host& host) {
  return host.sim.state()->getObject("statuses")->getObject("acme/web")->getObject(kCommit);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_forked_child_is_refused_and_the_parent_goes_on) {
  Host host;
  cib_client* client = open_client(host);
  BOOST_TEST(post(client, "before") == CIB_OK);
  const pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) ::_exit(child_checks(client));
  int status = 0;
  BOOST_REQUIRE(::waitpid(child, &status, 0) == child);
  BOOST_TEST(WIFEXITED(status) != 0, "the child did not exit");
  BOOST_TEST(WEXITSTATUS(status) == 0);

  BOOST_TEST(post(client, "after") == CIB_OK);
  char err[256];
  BOOST_TEST(cib_client_flush(client, 0, 10000, nullptr, err, sizeof err) == CIB_OK);
  cib_client_destroy(client);
  const auto keys = statuses_of_commit(host);
  BOOST_TEST(keys->has("before"));
  BOOST_TEST(keys->has("after"));
  BOOST_TEST(!keys->has("child"));
}

// Forks while the parent's client is open, runs `child` there, and checks that the simulator
// got the post of the child's own client (`child_key`) and that the parent's client goes on.
static void check_child_client(int (*child)(const Host&, cib_client*), const char* child_key) {
  Host host;
  cib_client* client = open_client(host);
  // Its dispatcher has done its first delivery and waits while the child runs.
  BOOST_TEST(post(client, "parent-before") == CIB_OK);
  char err[256];
  BOOST_TEST(cib_client_flush(client, 0, 10000, nullptr, err, sizeof err) == CIB_OK, err);
  fork_and_check(client, child, host);
  BOOST_TEST(post(client, "parent") == CIB_OK);
  BOOST_TEST(cib_client_flush(client, 0, 10000, nullptr, err, sizeof err) == CIB_OK, err);
  cib_client_destroy(client);
  const auto keys = statuses_of_commit(host);
  BOOST_TEST(keys->has(child_key));
  BOOST_TEST(keys->has("parent"));
}

// In the child, a new client's dispatcher may reuse the thread handle of the parent's dispatcher
// (glibc recycles the stacks of threads that do not exist in the child): destroying the
// inherited client must not detach or join it.
BOOST_AUTO_TEST_CASE(a_forked_child_uses_a_new_client_then_destroys_the_inherited_one) {
  check_child_client(child_destroys_its_own_client_first, "child-own-first");
}

BOOST_AUTO_TEST_CASE(a_forked_child_destroys_the_inherited_client_then_uses_a_new_one) {
  check_child_client(child_destroys_the_inherited_client_first, "child-inherited-first");
}

// Children forked while the parent's dispatcher is busy sending (each request a transaction on
// the machine's budget file) open a client of their own on the same file and deliver with it:
// a fork never lands inside one of the parent's transactions.
BOOST_AUTO_TEST_CASE(children_forked_while_the_parent_sends_deliver_with_clients_of_their_own) {
  Host host;
  cib_client* client = open_client(host);
  std::atomic<bool> stop{false};
  std::thread poster([client, &stop] {
    for (int n = 0; !stop.load(); ++n) {
      post(client, ("busy-" + std::to_string(n)).c_str());
      char err[256];
      cib_client_flush(client, 0, 2000, nullptr, err, sizeof err);  // one slot in flight at a time
    }
  });
  constexpr int kChildren = 12;
  for (int i = 0; i < kChildren; ++i) {
    fork_and_check(client, child_destroys_its_own_client_first, host);
  }
  stop = true;
  poster.join();
  char err[256];
  BOOST_TEST(cib_client_flush(client, 0, 10000, nullptr, err, sizeof err) == CIB_OK, err);
  cib_client_destroy(client);
  BOOST_TEST(statuses_of_commit(host)->has("child-own-first"));
}

}  // namespace cib::test
