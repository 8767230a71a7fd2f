// A -shm file made immutable while a connection has it mapped: SQLite's next write to the
// mapping would end the process with SIGBUS; the guarded VFS turns it into an I/O error.
#include "sqlite/guarded_vfs.h"

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <string>

#include "file_modes.h"
#include "temp_dir.h"

namespace cib {

using test::ImmutableFile;

BOOST_AUTO_TEST_SUITE(guarded_vfs)

BOOST_AUTO_TEST_CASE(a_write_after_the_shm_file_became_immutable_fails_instead_of_crashing) {
  test::TempDir dir("cibatch-vfs");
  const std::string path = dir.file("x.db");
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                guarded_vfs_name()) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_exec(db,
                             "PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t "
                             "VALUES(1);",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
  {
    ImmutableFile immutable(path + "-shm");
    if (!immutable.made()) {
      sqlite3_close(db);
      BOOST_TEST_MESSAGE("skipped: cannot make a file immutable here (chattr +i)");
      return;
    }
    BOOST_TEST(shm_is_unmodifiable((path + "-shm").c_str()));
    const int rc = sqlite3_exec(db, "INSERT INTO t VALUES(2)", nullptr, nullptr, nullptr);
    BOOST_TEST((rc & 0xff) == SQLITE_IOERR);
  }
  // Closing writes the mapping too: only once the file is harmless again.
  BOOST_TEST(sqlite3_close(db) == SQLITE_OK);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
