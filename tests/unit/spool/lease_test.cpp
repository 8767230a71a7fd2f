#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "runtime/clock.h"
#include "spool/spool.h"
#include "store_fixtures.h"
#include "temp_dir.h"

namespace cib {
namespace {

using test::order_at;
using test::status_slot;

constexpr std::chrono::milliseconds kLease{30000};

// A forked child that claims `id` in its own spool connection and then, if `hold`, keeps
// running until the parent lets it go. The child never returns into the test framework.
class LeaseHolder {
 public:
  LeaseHolder(const SpoolOptions& options, const ManualClock& clock, const SlotId& id, bool hold) {
    int ready[2];
    int release[2];
    if (pipe(ready) != 0) throw std::runtime_error("pipe failed");
    if (pipe(release) != 0) {
      close(ready[0]);
      close(ready[1]);
      throw std::runtime_error("pipe failed");
    }
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      close(ready[0]);
      close(release[1]);
      run_child(options, clock, id, hold, ready[1], release[0]);
    }
    close(ready[1]);
    close(release[0]);
    ready_fd_ = ready[0];
    release_fd_ = release[1];
  }

  ~LeaseHolder() {
    if (release_fd_ >= 0) close(release_fd_);
    if (ready_fd_ >= 0) close(ready_fd_);
    if (!reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  LeaseHolder(const LeaseHolder&) = delete;
  LeaseHolder& operator=(const LeaseHolder&) = delete;

  // The child's token once it holds the lease (0 when it failed: it then exits).
  char wait_until_claimed() {
    char token = 0;
    if (read(ready_fd_, &token, 1) != 1) return 0;
    return token;
  }

  // Lets a holding child exit; waits for it and returns its exit code.
  int finish() {
    close(release_fd_);
    release_fd_ = -1;
    int status = 0;
    waitpid(pid_, &status, 0);
    reaped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  [[noreturn]] static void run_child(const SpoolOptions& options, const ManualClock& clock,
                                     const SlotId& id, bool hold, int ready_fd, int release_fd) {
    int code = 0;
    try {
      auto spool = Spool::open(options, clock);
      const Claim claim = spool->claim(id);
      const char token = claim.acquired ? static_cast<char>(claim.token) : 0;
      code = claim.acquired && write(ready_fd, &token, 1) == 1 ? 0 : 1;
      if (hold) {
        char ignored = 0;
        while (read(release_fd, &ignored, 1) > 0) {
        }
      }
    } catch (...) {
      code = 2;
    }
    // _exit: no destructors, no atexit handlers of the test framework, the lease stays held.
    _exit(code);
  }

  pid_t pid_ = -1;
  int ready_fd_ = -1;
  int release_fd_ = -1;
  bool reaped_ = false;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(lease)

BOOST_AUTO_TEST_CASE(a_claim_takes_a_free_lease_and_returns_the_newest_content) {
  test::TempDir dir;
  ManualClock clock;
  auto spool = Spool::open(test::spool_options(dir), clock);
  const SlotId id = status_slot("a");
  spool->journal(id, test::status(BuildState::failed, "newest"), order_at(5), true, false);
  const Claim claim = spool->claim(id);
  BOOST_TEST(claim.acquired);
  BOOST_TEST(claim.token == 1u);
  BOOST_REQUIRE(claim.newest.has_value());
  BOOST_TEST(test::description_of(claim.newest->desired) == "newest");
  BOOST_TEST((claim.newest->order == order_at(5)));
  BOOST_TEST(claim.newest->gating);
  BOOST_TEST(!claim.delivered.has_value());
  BOOST_TEST(!claim.remote.has_value());
}

BOOST_AUTO_TEST_CASE(a_held_lease_renews_and_completes_the_slot) {
  test::TempDir dir;
  ManualClock clock;
  auto spool = Spool::open(test::spool_options(dir), clock);
  const SlotId id = status_slot("a");
  const Content content = test::status(BuildState::successful, "done");
  spool->journal(id, content, order_at(1), true, false);
  const Claim claim = spool->claim(id);
  clock.advance(kLease - std::chrono::milliseconds(1));
  BOOST_TEST(spool->renew(id, claim.token));
  clock.advance(kLease - std::chrono::milliseconds(1));  // alive thanks to the renewal
  RemoteState remote;
  remote.remote_id = "id-1";
  BOOST_TEST(spool->save_remote(id, claim.token, remote));
  BOOST_TEST(spool->complete(id, claim.token, order_at(1), content, true, remote, clock.wall_ns()));
  BOOST_TEST(spool->pending_count() == 0u);
  BOOST_TEST(!spool->renew(id, claim.token));  // released by complete

  const Claim again = spool->claim(id);
  BOOST_TEST(again.acquired);
  BOOST_TEST(again.token == claim.token + 1);  // the token never goes back
  BOOST_TEST(!again.newest.has_value());
  BOOST_REQUIRE(again.delivered.has_value());
  BOOST_TEST((again.delivered->content == content));
  BOOST_TEST(again.delivered->wall_ns == clock.wall_ns());
  BOOST_TEST(again.remote->remote_id == "id-1");
}

BOOST_AUTO_TEST_CASE(complete_reports_newer_content_that_waits) {
  test::TempDir dir;
  ManualClock clock;
  auto spool = Spool::open(test::spool_options(dir), clock);
  const SlotId id = status_slot("a");
  const Content first = test::status(BuildState::inprogress, "first");
  spool->journal(id, first, order_at(1), true, false);
  const Claim claim = spool->claim(id);
  spool->journal(id, test::status(BuildState::failed, "second"), order_at(2), true, true);
  BOOST_TEST(!spool->complete(id, claim.token, order_at(1), first, true, {}, clock.wall_ns()));
  const Claim next = spool->claim(id);
  BOOST_TEST(next.acquired);  // complete released the lease
  BOOST_REQUIRE(next.newest.has_value());
  BOOST_TEST(test::description_of(next.newest->desired) == "second");
  BOOST_TEST(test::description_of(next.delivered->content) == "first");
  BOOST_TEST(spool->pending_count() == 1u);
}

BOOST_AUTO_TEST_CASE(a_lease_lost_to_expiry_neither_renews_nor_completes) {
  test::TempDir dir;
  ManualClock clock;
  auto slow = Spool::open(test::spool_options(dir), clock);
  auto other = Spool::open(test::spool_options(dir), clock);
  const SlotId id = status_slot("a");
  const Content content = test::status(BuildState::successful, "x");
  RemoteState stale;
  stale.remote_id = "stale";
  slow->journal(id, content, order_at(1), true, true);
  const Claim claim = slow->claim(id);
  BOOST_REQUIRE(claim.acquired);

  clock.advance(kLease);
  BOOST_TEST(!slow->renew(id, claim.token));
  const Claim taken = other->claim(id);
  BOOST_TEST(taken.acquired);
  BOOST_TEST(taken.token == claim.token + 1);
  BOOST_TEST(!slow->renew(id, claim.token));
  BOOST_TEST(!slow->save_remote(id, claim.token, stale));
  BOOST_TEST(!slow->complete(id, claim.token, order_at(1), content, true, {}, clock.wall_ns()));
  slow->release(id, claim.token, stale);

  BOOST_TEST(other->renew(id, taken.token));  // the release above left the new owner alone
  BOOST_TEST(other->pending_count() == 1u);
  BOOST_TEST(!other->claim(id).remote.has_value());
}

BOOST_AUTO_TEST_CASE(release_keeps_the_content_pending_and_saves_the_remote_state) {
  test::TempDir dir;
  ManualClock clock;
  auto spool = Spool::open(test::spool_options(dir), clock);
  const SlotId id = test::comment_slot("summary");
  spool->journal(id, test::comment("body"), order_at(1), false, false);
  const Claim claim = spool->claim(id);
  RemoteState remote;
  remote.create_ambiguous = true;
  spool->release(id, claim.token, remote);
  BOOST_TEST(!spool->renew(id, claim.token));
  const Claim next = spool->claim(id);
  BOOST_TEST(next.acquired);
  BOOST_TEST(next.newest.has_value());
  BOOST_REQUIRE(next.remote.has_value());
  BOOST_TEST(next.remote->create_ambiguous);
}

BOOST_AUTO_TEST_CASE(a_dead_owners_lease_is_taken_at_once) {
  test::TempDir dir;
  ManualClock clock;
  const SpoolOptions options = test::spool_options(dir, SyncMode::always);
  const SlotId id = status_slot("a");
  {
    LeaseHolder child(options, clock, id, false);
    BOOST_REQUIRE(child.wait_until_claimed() == 1);
    BOOST_REQUIRE(child.finish() == 0);  // reaped: the pid is gone
  }
  auto spool = Spool::open(options, clock);  // no time passed: the lease has not expired
  const Claim claim = spool->claim(id);
  BOOST_TEST(claim.acquired);
  BOOST_TEST(claim.token == 2u);
}

BOOST_AUTO_TEST_CASE(a_live_owners_lease_is_not_taken_before_it_expires) {
  test::TempDir dir;
  ManualClock clock;
  const SpoolOptions options = test::spool_options(dir, SyncMode::always);
  const SlotId id = status_slot("a");
  LeaseHolder child(options, clock, id, true);
  BOOST_REQUIRE(child.wait_until_claimed() == 1);
  auto spool = Spool::open(options, clock);

  const Claim refused = spool->claim(id);
  BOOST_TEST(!refused.acquired);
  BOOST_TEST(refused.held_until_ns == clock.wall_ns() + std::chrono::nanoseconds(kLease).count());
  clock.advance(kLease - std::chrono::milliseconds(1));
  BOOST_TEST(!spool->claim(id).acquired);

  clock.advance(std::chrono::milliseconds(1));
  const Claim taken = spool->claim(id);
  BOOST_TEST(taken.acquired);
  BOOST_TEST(taken.token == 2u);
  BOOST_TEST(child.finish() == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
