// A -shm file made immutable while the spool has it mapped: SQLite's next write to the mapping
// would end the process with SIGBUS; the guarded VFS (tests/unit/sqlite) and the spool turn it
// into errors.
#include <boost/test/unit_test.hpp>
#include <string>

#include "file_modes.h"
#include "runtime/clock.h"
#include "spool/spool.h"
#include "store_fixtures.h"
#include "temp_dir.h"

namespace cib {

using test::ImmutableFile;

BOOST_AUTO_TEST_SUITE(immutable_shm)

BOOST_AUTO_TEST_CASE(a_spool_whose_shm_file_became_immutable_refuses_and_closes_without_crashing) {
  test::TempDir dir;
  ManualClock clock;
  const SpoolOptions options = test::spool_options(dir);
  auto spool = Spool::open(options, clock);
  spool->journal(test::status_slot("a"), test::status(BuildState::failed, "a"), test::order_at(1),
                 true, true);
  {
    ImmutableFile immutable(options.path + "-shm");
    if (!immutable.made()) {
      BOOST_TEST_MESSAGE("skipped: cannot make a file immutable here (chattr +i)");
      return;
    }
    try {
      spool->journal(test::status_slot("b"), test::status(BuildState::failed, "b"),
                     test::order_at(2), true, true);
      BOOST_FAIL("the spool wrote through an immutable -shm file");
    } catch (const SpoolError& error) {
      BOOST_TEST((error.kind() == SpoolError::Kind::read_only));
      BOOST_TEST(std::string(error.what()).find(options.path + "-shm") != std::string::npos);
    }
    BOOST_CHECK_THROW(spool->pending_count(), SpoolError);
  }
  // Once refused, the spool stays unused by this process, also when the file is fixed.
  BOOST_CHECK_THROW(spool->pending_count(), SpoolError);
  spool.reset();
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
