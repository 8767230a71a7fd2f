// std::bad_alloc on the library's own threads (the dispatcher delivering, the spool committer
// writing) must not end the host process: each thread catches it, keeps what was posted, and
// carries on once memory is back. The allocations fail through failing_new.h.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>

#include "client_fixture.h"
#include "failing_new.h"
#include "host_client.h"

namespace cib::test {
namespace {

using Clock = std::chrono::steady_clock;

// Failed allocations wanted before memory comes back. The dispatcher and the spool committer
// both back off after each failed turn or commit (doubling up to seconds), so a few each.
constexpr std::uint64_t kDispatcherFailures = 8;
constexpr std::uint64_t kSpoolFailures = 3;
constexpr int kMaxPosts = 300;
constexpr std::chrono::seconds kFailingDeadline{20};

// Posts new statuses while allocations fail on the library's threads, until both the dispatcher
// and the spool committer have seen the failures wanted (or the deadline passes).
int post_while_failing(cib_client* client) {
  int posted = 0;
  const auto deadline = Clock::now() + kFailingDeadline;
  fail_library_allocations(true);
  while (Clock::now() < deadline && (failed_allocations("cib-dispatch") < kDispatcherFailures ||
                                     failed_allocations("cib-spool") < kSpoolFailures)) {
    if (posted < kMaxPosts && post_status(client, "oom-" + std::to_string(posted), 1) == CIB_OK) {
      ++posted;
    }
    char err[256];
    cib_client_flush(client, 0, 5, nullptr, err, sizeof err);  // wakes the dispatcher
  }
  fail_library_allocations(false);
  return posted;
}

BOOST_AUTO_TEST_CASE(library_threads_survive_bad_alloc_and_deliver_afterwards) {
  ForgeSim sim;
  TempDir dir;
  cib_client* client = open_host_client(sim, dir, "batch");
  const int posted = post_while_failing(client);
  BOOST_TEST_MESSAGE("posted " << posted << " statuses; failed allocations: dispatcher "
                               << failed_allocations("cib-dispatch") << ", spool "
                               << failed_allocations("cib-spool"));
  BOOST_TEST(failed_allocations("cib-dispatch") >= kDispatcherFailures);
  BOOST_TEST(failed_allocations("cib-spool") >= kSpoolFailures);
  BOOST_REQUIRE(posted > 0);
  // Memory is back: everything accepted is delivered, by the same threads.
  require_flushed(client, 30000);
  const auto statuses = sim.state()->getObject("statuses")->getObject(kRepo)->getObject(kCommit);
  BOOST_TEST(statuses->size() == static_cast<std::size_t>(posted));
  cib_client_destroy(client);
}

}  // namespace
}  // namespace cib::test
