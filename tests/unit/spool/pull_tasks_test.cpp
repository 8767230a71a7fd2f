// Pull mode's scanner runs in the spool: kept until they end, adopted once by a later process
// only when the process that saved them is gone, and dropped after spool.retain_days.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "runtime/clock.h"
#include "spool/spool.h"
#include "store_fixtures.h"
#include "temp_dir.h"

namespace cib {
namespace {

constexpr std::int64_t kNanosPerDay = 86'400LL * 1'000'000'000LL;

// What a process on another boot of the machine left: its owner is surely gone.
void orphan_every_task(const test::TempDir& dir) {
  test::RawConnection raw(test::spool_options(dir).path);
  raw.exec("UPDATE pull_tasks SET owner_boot = 'another-boot'");
}

using Records = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(pull_tasks)

BOOST_AUTO_TEST_CASE(a_live_processs_task_is_not_adopted_a_dead_ones_is_once) {
  test::TempDir dir;
  ManualClock clock;
  auto spool = Spool::open(test::spool_options(dir), clock);
  spool->save_pull_task("acme/web\nc0ffee\nsonar\nT-2", "second");
  clock.advance(Duration(-1000));
  spool->save_pull_task("acme/web\nc0ffee\nsonar\nT-1", "first");
  BOOST_TEST(spool->adopt_pull_tasks() == Records{});  // this process waits for them
  orphan_every_task(dir);
  BOOST_TEST((spool->adopt_pull_tasks() == Records{"first", "second"}));  // oldest first
  BOOST_TEST(spool->adopt_pull_tasks() == Records{});                     // this process's now
  spool->remove_pull_task("acme/web\nc0ffee\nsonar\nT-1");
  orphan_every_task(dir);
  BOOST_TEST(spool->adopt_pull_tasks() == Records{"second"});
}

BOOST_AUTO_TEST_CASE(tasks_are_kept_per_identity_and_survive_reopening) {
  test::TempDir dir;
  ManualClock clock;
  SpoolOptions other = test::spool_options(dir);
  other.identity = "identity-b";
  Spool::open(test::spool_options(dir), clock)->save_pull_task("k", "mine");
  orphan_every_task(dir);
  BOOST_TEST(Spool::open(other, clock)->adopt_pull_tasks() == Records{});
  BOOST_TEST(Spool::open(test::spool_options(dir), clock)->adopt_pull_tasks() == Records{"mine"});
}

BOOST_AUTO_TEST_CASE(tasks_older_than_retain_days_expire) {
  test::TempDir dir;
  ManualClock clock;
  auto spool = Spool::open(test::spool_options(dir), clock);
  spool->save_pull_task("old", "old");
  clock.advance(Duration(31 * kNanosPerDay / 1'000'000));
  spool->save_pull_task("new", "new");
  BOOST_TEST(spool->remove_expired() >= 1u);
  orphan_every_task(dir);
  BOOST_TEST(spool->adopt_pull_tasks() == Records{"new"});
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
