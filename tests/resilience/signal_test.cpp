// The library never installs a signal handler and never changes the caller's signal mask; its
// own threads block SIGPIPE, so a peer that closes a socket under a write is an error, not the
// end of the host process (a JVM leaves SIGPIPE at its default).
#include <signal.h>
#include <sys/prctl.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "client_fixture.h"
#include "host_client.h"
#include "silent_host.h"
#include "thread_masks.h"

namespace cib::test {
namespace {

constexpr std::size_t kBigDescription = 1000 * 1000;  // far more than the socket buffers hold

// What the test sets before the library runs, so that a change is visible.
void set_known_dispositions() {
  struct sigaction action {};
  sigemptyset(&action.sa_mask);
  action.sa_handler = SIG_DFL;
  sigaction(SIGPIPE, &action, nullptr);
  action.sa_handler = SIG_IGN;
  sigaction(SIGUSR2, &action, nullptr);
  action.sa_handler = [](int) {};
  sigaction(SIGUSR1, &action, nullptr);
  // Open in this thread, so that a library thread blocks SIGPIPE only if the library does it.
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_UNBLOCK, &pipe, nullptr);
}

std::vector<struct sigaction> all_dispositions() {
  std::vector<struct sigaction> actions(NSIG);
  for (int signal = 1; signal < NSIG; ++signal) sigaction(signal, nullptr, &actions[signal]);
  return actions;
}

bool same(const struct sigaction& a, const struct sigaction& b) {
  return a.sa_handler == b.sa_handler && a.sa_flags == b.sa_flags;
}

// Counts log lines written on the library's threads, and those whose thread had SIGPIPE open.
struct LogThreads {
  std::atomic<int> lines{0};
  std::atomic<int> sigpipe_open{0};
};

void on_log(void* opaque, int32_t, const char*) {
  char name[17] = "";
  prctl(PR_GET_NAME, name);
  if (std::strncmp(name, "cib-", 4) != 0) return;
  auto* seen = static_cast<LogThreads*>(opaque);
  ++seen->lines;
  if (!calling_thread_blocks(SIGPIPE)) ++seen->sigpipe_open;
}

BOOST_AUTO_TEST_CASE(no_handler_installed_caller_mask_kept_library_threads_block_sigpipe) {
  set_known_dispositions();
  sigset_t block, mask_before, mask_after;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &block, &mask_before);
  pthread_sigmask(SIG_SETMASK, nullptr, &mask_before);
  const std::vector<struct sigaction> before = all_dispositions();
  {
    ForgeSim sim;
    TempDir dir;
    cib_client* client = open_host_client(sim, dir, "batch");
    LogThreads seen;
    char err[256];
    BOOST_REQUIRE(cib_client_set_log_cb(client, on_log, &seen, CIB_LOG_DEBUG, err, sizeof err) ==
                  CIB_OK);
    BOOST_REQUIRE(post_status(client, "signals", 1) == CIB_OK);
    require_flushed(client, 10000);
    const std::vector<LibraryThread> threads = library_threads();
    BOOST_TEST(threads.size() >= 2u);  // the dispatcher and the spool committer
    for (const LibraryThread& thread : threads) {
      BOOST_TEST(thread.blocks_sigpipe, thread.name << " leaves SIGPIPE open");
    }
    cib_client_destroy(client);
    BOOST_TEST(seen.lines.load() > 0);
    BOOST_TEST(seen.sigpipe_open.load() == 0);
  }
  pthread_sigmask(SIG_SETMASK, nullptr, &mask_after);
  for (int signal = 1; signal < NSIG; ++signal) {
    BOOST_TEST(sigismember(&mask_before, signal) == sigismember(&mask_after, signal),
               "the caller's mask changed for signal " << signal);
  }
  const std::vector<struct sigaction> after = all_dispositions();
  for (int signal = 1; signal < NSIG; ++signal) {
    BOOST_TEST(same(before[signal], after[signal]),
               "signal " << signal << "'s disposition changed");
  }
  pthread_sigmask(SIG_UNBLOCK, &block, nullptr);
}

BOOST_AUTO_TEST_CASE(a_peer_closing_under_a_write_does_not_raise_sigpipe_in_the_process) {
  set_known_dispositions();  // SIGPIPE at its default: it would end this process
  SilentHost host;
  TempDir dir;
  cib_client* client =
      open_host_client_at(host.api_url(), dir, "batch", "  shutdown: { timeout_ms: 200 }\n");
  BOOST_REQUIRE(post_status(client, "big", 1, std::string(kBigDescription, 'x')) == CIB_OK);
  // Each attempt writes more than the socket buffers hold; the host ends its side and resets the
  // connection with the request unread, so the library's write fails with EPIPE (and, unless
  // blocked or suppressed, raises SIGPIPE). A second attempt means the process lived through it.
  BOOST_TEST(host.close_connections_under_writes(2));
  cib_client_destroy(client);
}

}  // namespace
}  // namespace cib::test
