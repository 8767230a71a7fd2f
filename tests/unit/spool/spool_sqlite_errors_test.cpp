// The spool's words for SQLite's failures (the SQLite wrapper's own tests, tests/unit/sqlite, make
// real ones): the SpoolError kind callers act on, the setting to change, SQLite's sentence.
#include "spool/spool_sqlite_errors.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace cib {
namespace {

using Kind = SqliteError::Kind;

SpoolError translated(Kind kind, const std::string& detail = "database is locked") {
  return spool_error(SqliteError(kind, 0, "/srv/a.db", "a statement", detail));
}

bool mentions(const SpoolError& error, const std::string& text) {
  return std::string(error.what()).find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spool_sqlite_errors)

BOOST_AUTO_TEST_CASE(the_message_names_the_file_what_failed_sqlites_sentence_and_the_fix) {
  const SpoolError error = translated(Kind::busy);
  BOOST_TEST((error.kind() == SpoolError::Kind::io));
  BOOST_TEST(mentions(error, "spool /srv/a.db: a statement failed: database is locked; "));
  BOOST_TEST(mentions(error, "spool.busy_timeout_ms"));
}

BOOST_AUTO_TEST_CASE(each_kind_becomes_the_spool_error_its_callers_act_on) {
  BOOST_TEST((translated(Kind::full).kind() == SpoolError::Kind::full));
  BOOST_TEST(mentions(translated(Kind::full), "spool.max_mb"));
  BOOST_TEST((translated(Kind::read_only).kind() == SpoolError::Kind::read_only));
  BOOST_TEST(mentions(translated(Kind::read_only), "writable"));
  BOOST_TEST((translated(Kind::unmodifiable).kind() == SpoolError::Kind::read_only));
  BOOST_TEST(mentions(translated(Kind::unmodifiable), "chattr -i/-a"));
  BOOST_TEST((translated(Kind::corrupt).kind() == SpoolError::Kind::not_sqlite));
  BOOST_TEST((translated(Kind::not_a_database).kind() == SpoolError::Kind::not_sqlite));
  BOOST_TEST(mentions(translated(Kind::corrupt), "cibatch spool repair --config FILE"));
  BOOST_TEST((translated(Kind::cant_open).kind() == SpoolError::Kind::open));
  BOOST_TEST(mentions(translated(Kind::cant_open), "spool.path"));
  BOOST_TEST((translated(Kind::io).kind() == SpoolError::Kind::io));
  BOOST_TEST(mentions(translated(Kind::io), "cibatch spool check"));
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_in_wal_mode_names_the_filesystem) {
  const SpoolError error = translated(Kind::no_wal);
  BOOST_TEST((error.kind() == SpoolError::Kind::io));
  BOOST_TEST(std::string(error.what()) ==
             "spool /srv/a.db: SQLite could not switch the file to WAL mode; put spool.path on a "
             "local filesystem with shared memory and locks");
}

BOOST_AUTO_TEST_CASE(a_file_of_another_kind_is_no_spool) {
  const SpoolError error = not_a_spool("/srv/notes.txt");
  BOOST_TEST((error.kind() == SpoolError::Kind::not_sqlite));
  BOOST_TEST(std::string(error.what()).find("/srv/notes.txt is not a cibatch spool") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
