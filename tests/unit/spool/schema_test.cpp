#include "spool/schema.h"

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <string>

#include "runtime/clock.h"
#include "spool/spool.h"
#include "sqlite/database.h"
#include "store_fixtures.h"
#include "temp_dir.h"

namespace cib {
namespace {

constexpr int kCreate = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

std::int64_t table_count(const test::RawConnection& db) {
  return db.integer(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
      "('slots', 'delivered', 'remote', 'leases')");
}

// A file as a newer cibatch would leave it: a table this version does not know, a higher
// user_version.
std::string make_newer_file(const test::TempDir& dir) {
  std::filesystem::create_directories(dir.file("state"));
  const std::string path = dir.file("state/spool.db");
  test::RawConnection db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  db.exec("CREATE TABLE future(x); PRAGMA user_version = " +
          std::to_string(kSpoolSchemaVersion + 1));
  return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(schema)

BOOST_AUTO_TEST_CASE(a_new_file_gets_every_table_and_the_current_version) {
  test::TempDir dir;
  const std::string path = dir.file("a.db");
  {
    Database db(path, kCreate);
    migrate_spool(db.handle(), path.c_str());
  }
  test::RawConnection check(path);
  BOOST_TEST(check.integer("PRAGMA user_version") == kSpoolSchemaVersion);
  BOOST_TEST(table_count(check) == 4);
  BOOST_TEST(check.integer("SELECT count(*) FROM sqlite_master WHERE name = 'slots_pending'") == 1);
}

BOOST_AUTO_TEST_CASE(migrating_a_current_file_again_keeps_its_rows) {
  test::TempDir dir;
  const std::string path = dir.file("a.db");
  Database db(path, kCreate);
  migrate_spool(db.handle(), path.c_str());
  db.exec("INSERT INTO remote(identity, slot_key, state, updated_ns) VALUES('i', 'k', '{}', 1)");
  migrate_spool(db.handle(), path.c_str());
  BOOST_TEST(query_integer(db.handle(), path, "SELECT count(*) FROM remote") == 1);
  BOOST_TEST(query_integer(db.handle(), path, "PRAGMA user_version") == kSpoolSchemaVersion);
}

BOOST_AUTO_TEST_CASE(a_newer_schema_is_refused_and_left_untouched) {
  test::TempDir dir;
  const std::string path = make_newer_file(dir);
  const std::string before = test::file_bytes(path);
  Database db(path, kCreate);
  try {
    migrate_spool(db.handle(), path.c_str());
    BOOST_FAIL("a newer schema was accepted");
  } catch (const SpoolError& error) {
    BOOST_TEST((error.kind() == SpoolError::Kind::newer_schema));
    const std::string message = error.what();
    BOOST_TEST(message.find(path) != std::string::npos);
    BOOST_TEST(message.find("newer cibatch; upgrade, or set spool.path") != std::string::npos);
  }
  BOOST_TEST((test::file_bytes(path) == before), "the file was changed");
}

BOOST_AUTO_TEST_CASE(opening_a_spool_of_a_newer_schema_fails_without_changing_a_byte) {
  test::TempDir dir;
  const std::string path = make_newer_file(dir);
  const std::string before = test::file_bytes(path);
  ManualClock clock;
  try {
    Spool::open(test::spool_options(dir), clock);
    BOOST_FAIL("a newer schema was opened");
  } catch (const SpoolError& error) {
    BOOST_TEST((error.kind() == SpoolError::Kind::newer_schema));
  }
  BOOST_TEST((test::file_bytes(path) == before), "the file was changed");
}

BOOST_AUTO_TEST_CASE(a_database_of_another_program_is_not_made_a_spool) {
  test::TempDir dir;
  const std::string path = dir.file("other.db");
  {
    test::RawConnection other(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    other.exec("CREATE TABLE contacts(name TEXT)");
  }
  const std::string before = test::file_bytes(path);
  Database db(path, kCreate);
  try {
    migrate_spool(db.handle(), path.c_str());
    BOOST_FAIL("another program's database was migrated");
  } catch (const SpoolError& error) {
    BOOST_TEST((error.kind() == SpoolError::Kind::not_sqlite));
  }
  BOOST_TEST((test::file_bytes(path) == before), "the file was changed");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
