#include "sqlite/database.h"

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <string>

#include "sqlite_files.h"
#include "temp_dir.h"

namespace cib {
namespace {

constexpr int kCreate = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

bool has_kind(const SqliteError& error, SqliteError::Kind kind) {
  return error.kind() == kind;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(database)

BOOST_AUTO_TEST_CASE(statement_binds_and_reads_back_every_type) {
  test::TempDir dir;
  Database db(dir.file("a.db"), kCreate);
  db.exec("CREATE TABLE t(a TEXT, b BLOB, c INTEGER, d TEXT)");
  const std::string blob("\x00\x01\xff", 3);
  Statement insert = db.prepare("INSERT INTO t VALUES(?1, ?2, ?3, ?4)");
  insert.bind_text(1, "text ✓").bind_blob(2, blob).bind_int64(3, -5'000'000'000LL).bind_null(4);
  insert.run();
  BOOST_TEST(insert.changes() == 1);

  Statement select = db.prepare("SELECT a, b, c, d FROM t");
  BOOST_TEST(select.step());
  BOOST_TEST(select.column_text(0) == "text ✓");
  BOOST_TEST(select.column_blob(1) == blob);
  BOOST_TEST(select.column_int64(2) == -5'000'000'000LL);
  BOOST_TEST(select.column_is_null(3));
  BOOST_TEST(!select.step());
}

BOOST_AUTO_TEST_CASE(a_reset_statement_can_be_used_again_with_new_bindings) {
  test::TempDir dir;
  Database db(dir.file("a.db"), kCreate);
  Statement square = db.prepare("SELECT ?1 * ?1");
  for (std::int64_t n : {3, 4}) {
    StatementUse use(square);
    square.bind_int64(1, n);
    BOOST_TEST(square.step());
    BOOST_TEST(square.column_int64(0) == n * n);
  }
}

BOOST_AUTO_TEST_CASE(a_transaction_not_committed_is_rolled_back) {
  test::TempDir dir;
  Database db(dir.file("a.db"), kCreate);
  db.exec("CREATE TABLE t(a INTEGER)");
  {
    ImmediateTransaction transaction(db);
    db.exec("INSERT INTO t VALUES(1)");
  }
  BOOST_TEST(query_integer(db.handle(), db.path(), "SELECT count(*) FROM t") == 0);
  {
    ImmediateTransaction transaction(db);
    db.exec("INSERT INTO t VALUES(1)");
    transaction.commit();
  }
  test::RawConnection other(db.path());
  BOOST_TEST(other.integer("SELECT count(*) FROM t") == 1);
}

BOOST_AUTO_TEST_CASE(immediate_transaction_waits_no_longer_than_the_busy_timeout) {
  test::TempDir dir;
  Database db(dir.file("a.db"), kCreate);
  db.exec("CREATE TABLE t(a INTEGER)");
  db.busy_timeout(0);
  test::RawConnection other(db.path());
  other.exec("BEGIN IMMEDIATE");
  try {
    ImmediateTransaction transaction(db);
    BOOST_FAIL("the write lock was taken twice");
  } catch (const SqliteError& error) {
    BOOST_TEST(has_kind(error, SqliteError::Kind::busy));
    BOOST_TEST(error.path() == db.path());
    BOOST_TEST(std::string(error.what()).find(db.path()) != std::string::npos);
  }
  other.exec("ROLLBACK");
}

BOOST_AUTO_TEST_CASE(a_missing_directory_is_an_open_error_naming_the_path) {
  test::TempDir dir;
  const std::string path = dir.file("missing/a.db");
  try {
    Database db(path, kCreate);
    BOOST_FAIL("opened a file in a missing directory");
  } catch (const SqliteError& error) {
    BOOST_TEST(has_kind(error, SqliteError::Kind::cant_open));
    BOOST_TEST(std::string(error.what()).find(path) != std::string::npos);
    BOOST_TEST(error.detail() == "unable to open database file");
  }
}

BOOST_AUTO_TEST_CASE(a_text_file_is_not_a_database_and_stays_untouched) {
  test::TempDir dir;
  const std::string path = dir.file("notes.txt");
  const std::string text(8192, 'x');
  test::write_file(path, text);
  Database db(path, kCreate);
  try {
    db.check_is_database();
    BOOST_FAIL("a text file passed as a database");
  } catch (const SqliteError& error) {
    BOOST_TEST(has_kind(error, SqliteError::Kind::not_a_database));
    BOOST_TEST(error.doing() == "reading the file");
  }
  BOOST_TEST((test::file_bytes(path) == text), "the file was changed");
}

BOOST_AUTO_TEST_CASE(bad_sql_is_an_io_error_naming_the_path) {
  test::TempDir dir;
  Database db(dir.file("a.db"), kCreate);
  try {
    db.exec("SELEKT 1");
    BOOST_FAIL("bad SQL ran");
  } catch (const SqliteError& error) {
    BOOST_TEST(has_kind(error, SqliteError::Kind::io));
    BOOST_TEST(std::string(error.what()).find(db.path()) != std::string::npos);
    BOOST_TEST(error.detail().find("syntax error") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(writing_past_the_size_cap_is_full_without_the_content_in_the_message) {
  test::TempDir dir;
  Database db(dir.file("a.db"), kCreate);
  db.exec("CREATE TABLE t(a TEXT)");
  db.limit_size(std::int64_t{16} * 1024);
  const std::string secret_like(std::size_t{64} * 1024, 's');
  Statement insert = db.prepare("INSERT INTO t VALUES(?1)");
  insert.bind_text(1, secret_like);
  try {
    insert.run();
    BOOST_FAIL("wrote past the cap");
  } catch (const SqliteError& error) {
    BOOST_TEST(has_kind(error, SqliteError::Kind::full));
    BOOST_TEST(std::string(error.what()).find("sss") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(writing_through_a_read_only_connection_is_read_only) {
  test::TempDir dir;
  const std::string path = dir.file("a.db");
  {
    Database db(path, kCreate);
    db.exec("CREATE TABLE t(a INTEGER)");
  }
  Database db(path, SQLITE_OPEN_READONLY);
  try {
    db.exec("INSERT INTO t VALUES(1)");
    BOOST_FAIL("wrote through a read-only connection");
  } catch (const SqliteError& error) {
    BOOST_TEST(has_kind(error, SqliteError::Kind::read_only));
  }
}

BOOST_AUTO_TEST_CASE(wal_mode_is_persistent_in_the_file) {
  test::TempDir dir;
  const std::string path = dir.file("a.db");
  {
    Database db(path, kCreate);
    db.enable_wal();
  }
  test::RawConnection other(path);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(other.handle(), "PRAGMA journal_mode", -1, &statement, nullptr);
  BOOST_TEST(sqlite3_step(statement) == SQLITE_ROW);
  BOOST_TEST(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))) ==
             "wal");
  sqlite3_finalize(statement);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
