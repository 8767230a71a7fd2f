#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "budget/budget_error.h"
#include "budget/budget_files.h"
#include "budget/sqlite_budget_store.h"
#include "file_modes.h"
#include "temp_dir.h"

namespace cib {

using test::group_of;
using test::mode_of;

namespace {

constexpr std::int64_t kBusyTimeoutMs = 5000;

bool exists(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// A SQLite file made by some other program (or a newer cibatch) in the ordinary rollback
// journal mode, so it has no -wal file of its own.
void make_sqlite_file(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  sqlite3_close(db);
  BOOST_REQUIRE(rc == SQLITE_OK);
}

std::string primary_group_name() {
  const std::optional<std::string> group = test::own_group();
  BOOST_REQUIRE(group);
  return *group;
}

// Opens a store on `path` and returns the BudgetError it throws.
BudgetError refusal(const std::string& path, const std::string& group = "") {
  ManualClock clock;
  try {
    SqliteBudgetStore store(path, group, kBusyTimeoutMs, clock);
  } catch (const BudgetError& error) {
    return error;
  }
  BOOST_FAIL("the store opened " << path);
  return BudgetError(BudgetError::Kind::config, "");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sqlite_budget_store_file)

BOOST_AUTO_TEST_CASE(a_new_budget_file_is_private_to_its_owner_without_a_group) {
  test::TempDir dir("cibatch-budget");
  const std::string path = dir.file("state/cibatch/budget.db");
  ManualClock clock;
  SqliteBudgetStore store(path, "", kBusyTimeoutMs, clock);
  BOOST_TEST(mode_of(path) == 0600u);
  BOOST_TEST(mode_of(dir.file("state/cibatch")) == 0700u);
  BOOST_TEST(mode_of(dir.file("state")) == 0755u);
  BOOST_REQUIRE(exists(path + "-wal"));  // WAL mode
  BOOST_TEST(mode_of(path + "-wal") == 0600u);
  BOOST_TEST(mode_of(path + "-shm") == 0600u);
}

BOOST_AUTO_TEST_CASE(a_budget_file_with_a_group_is_shared_with_it) {
  test::TempDir dir("cibatch-budget");
  const std::string path = dir.file("shared/budget.db");
  ManualClock clock;
  SqliteBudgetStore store(path, primary_group_name(), kBusyTimeoutMs, clock);
  BOOST_TEST(mode_of(path) == 0660u);
  BOOST_TEST(group_of(path) == ::getgid());
  // Set-group-id, so the -wal and -shm files of every member belong to the group.
  BOOST_TEST(mode_of(dir.file("shared")) == 02770u);
  BOOST_TEST(group_of(dir.file("shared")) == ::getgid());
  BOOST_REQUIRE(exists(path + "-wal"));
  BOOST_TEST(mode_of(path + "-wal") == 0660u);
  BOOST_TEST(mode_of(path + "-shm") == 0660u);
}

BOOST_AUTO_TEST_CASE(an_existing_directory_is_not_tightened) {
  test::TempDir dir("cibatch-budget");
  BOOST_REQUIRE(::chmod(dir.path().c_str(), 0755) == 0);
  ManualClock clock;
  SqliteBudgetStore store(dir.file("budget.db"), "", kBusyTimeoutMs, clock);
  BOOST_TEST(mode_of(dir.path()) == 0755u);
  BOOST_TEST(mode_of(dir.file("budget.db")) == 0600u);
}

BOOST_AUTO_TEST_CASE(an_existing_directory_keeps_its_mode_also_with_a_group) {
  test::TempDir dir("cibatch-budget");
  for (const mode_t mode : {mode_t{01777}, mode_t{0755}}) {
    const std::string sub = dir.file("existing-" + std::to_string(mode));
    BOOST_REQUIRE(::mkdir(sub.c_str(), 0700) == 0);
    BOOST_REQUIRE(::chmod(sub.c_str(), mode) == 0);
    ManualClock clock;
    SqliteBudgetStore store(sub + "/budget.db", primary_group_name(), kBusyTimeoutMs, clock);
    BOOST_TEST(mode_of(sub) == mode);
  }
}

BOOST_AUTO_TEST_CASE(a_directory_every_user_may_write_without_sticky_bit_is_refused) {
  test::TempDir dir("cibatch-budget");
  const std::string sub = dir.file("open");
  BOOST_REQUIRE(::mkdir(sub.c_str(), 0700) == 0);
  BOOST_REQUIRE(::chmod(sub.c_str(), 0777) == 0);
  const BudgetError error = refusal(sub + "/budget.db");
  BOOST_TEST(std::string(error.what()).find(sub) != std::string::npos, error.what());
  BOOST_TEST(mode_of(sub) == 0777u);
  BOOST_TEST(!exists(sub + "/budget.db"));
}

BOOST_AUTO_TEST_CASE(a_budget_path_that_is_not_a_regular_file_is_refused_untouched) {
  // A device like /dev/null, made in a directory of the test's own so that nothing else is hurt
  // if it were touched.
  test::TempDir dir("cibatch-budget");
  const std::string device = dir.file("null");
  if (::mknod(device.c_str(), S_IFCHR | 0666, ::makedev(1, 3)) != 0) {
    BOOST_TEST_MESSAGE("skipped: cannot make a device node here");
    return;
  }
  BOOST_REQUIRE(::chmod(device.c_str(), 0666) == 0);
  const BudgetError error = refusal(device);
  BOOST_TEST(std::string(error.what()).find(device) != std::string::npos, error.what());
  BOOST_TEST(mode_of(device) == 0666u);
  BOOST_TEST(!exists(device + "-journal"));
  BOOST_TEST(!exists(device + "-wal"));
}

BOOST_AUTO_TEST_CASE(an_empty_file_made_beforehand_becomes_the_budget_file) {
  test::TempDir dir("cibatch-budget");
  const std::string path = dir.file("budget.db");
  write_bytes(path, "");
  ManualClock clock;
  SqliteBudgetStore store(path, "", kBusyTimeoutMs, clock);
  Limits limits;
  limits.logs.push_back(LogLimit{"all", 1000, 1, {1, 1, 1, 1}, -1, false});
  BOOST_TEST(store.take("acct", limits, TakeRequest{}).granted);
}

BOOST_AUTO_TEST_CASE(an_unknown_group_is_refused_naming_it) {
  test::TempDir dir("cibatch-budget");
  const BudgetError error = refusal(dir.file("budget.db"), "cibatch-no-such-group");
  BOOST_TEST((error.kind() == BudgetError::Kind::config));
  BOOST_TEST(std::string(error.what()).find("cibatch-no-such-group") != std::string::npos);
  BOOST_TEST(std::string(error.what()).find("budget.group") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_sqlite_is_refused_and_left_byte_identical) {
  test::TempDir dir("cibatch-budget");
  const std::string path = dir.file("budget.db");
  std::string bytes;
  for (int i = 0; i < 200; ++i) bytes += "line " + std::to_string(i) + " of someone's notes\n";
  write_bytes(path, bytes);
  BOOST_REQUIRE(::chmod(path.c_str(), 0644) == 0);

  const BudgetError error = refusal(path);
  BOOST_TEST((error.kind() == BudgetError::Kind::damaged));
  const std::string message = error.what();
  BOOST_TEST(message.find(path) != std::string::npos);
  BOOST_TEST(message.find("budget.path") != std::string::npos);
  BOOST_TEST(read_bytes(path) == bytes);
  BOOST_TEST(mode_of(path) == 0644u);
  BOOST_TEST(!exists(path + "-wal"));
}

BOOST_AUTO_TEST_CASE(a_file_with_a_damaged_header_is_refused_and_left_byte_identical) {
  test::TempDir dir("cibatch-budget");
  const std::string path = dir.file("budget.db");
  make_sqlite_file(path, "CREATE TABLE t(a)");
  std::string bytes = read_bytes(path);
  bytes[16] = '\x03';  // the page size: 768 is no power of two
  bytes[17] = '\x00';
  write_bytes(path, bytes);
  BOOST_REQUIRE(::chmod(path.c_str(), 0644) == 0);

  const BudgetError error = refusal(path);
  BOOST_TEST((error.kind() == BudgetError::Kind::damaged));
  BOOST_TEST(std::string(error.what()).find(path) != std::string::npos);
  BOOST_TEST(read_bytes(path) == bytes);
  BOOST_TEST(mode_of(path) == 0644u);
}

BOOST_AUTO_TEST_CASE(a_newer_schema_is_refused_and_left_byte_identical) {
  test::TempDir dir("cibatch-budget");
  const std::string path = dir.file("budget.db");
  make_sqlite_file(path, "CREATE TABLE entries(x); PRAGMA user_version = 2;");
  BOOST_REQUIRE(::chmod(path.c_str(), 0644) == 0);
  const std::string bytes = read_bytes(path);

  const BudgetError error = refusal(path);
  BOOST_TEST((error.kind() == BudgetError::Kind::config));
  const std::string message = error.what();
  BOOST_TEST(message.find(path) != std::string::npos);
  BOOST_TEST(message.find("schema version 2") != std::string::npos);
  BOOST_TEST(message.find("budget.path") != std::string::npos);
  BOOST_TEST(read_bytes(path) == bytes);
  BOOST_TEST(mode_of(path) == 0644u);
}

BOOST_AUTO_TEST_CASE(a_database_of_another_program_is_refused) {
  test::TempDir dir("cibatch-budget");
  const std::string path = dir.file("budget.db");
  make_sqlite_file(path, "CREATE TABLE contacts(name TEXT)");
  const std::string bytes = read_bytes(path);
  const BudgetError error = refusal(path);
  BOOST_TEST((error.kind() == BudgetError::Kind::damaged));
  BOOST_TEST(std::string(error.what()).find("another program") != std::string::npos);
  BOOST_TEST(read_bytes(path) == bytes);
}

BOOST_AUTO_TEST_CASE(a_path_without_a_file_name_is_refused) {
  test::TempDir dir("cibatch-budget");
  const BudgetError error = refusal(dir.path() + "/");
  BOOST_TEST((error.kind() == BudgetError::Kind::config));
  BOOST_TEST(std::string(error.what()).find("budget.path") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_directory_in_the_way_is_refused_naming_it) {
  test::TempDir dir("cibatch-budget");
  write_bytes(dir.file("blocker"), "a file where a directory should be");
  const BudgetError error = refusal(dir.file("blocker/budget.db"));
  BOOST_TEST((error.kind() == BudgetError::Kind::unavailable));
  BOOST_TEST(std::string(error.what()).find(dir.file("blocker")) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_take_kept_waiting_past_the_busy_timeout_names_the_file_and_the_wait) {
  test::TempDir dir("cibatch-budget");
  const std::string path = dir.file("budget.db");
  ManualClock clock;
  SqliteBudgetStore store(path, "", 50, clock);
  sqlite3* other = nullptr;
  BOOST_REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  std::string message;
  try {
    store.take("acct", Limits{}, TakeRequest{});
  } catch (const BudgetError& error) {
    BOOST_TEST((error.kind() == BudgetError::Kind::unavailable));
    message = error.what();
  }
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  BOOST_TEST(message.find(path) != std::string::npos, message);
  BOOST_TEST(message.find("locked") != std::string::npos, message);
  BOOST_TEST(message.find("50 ms") != std::string::npos, message);
  BOOST_TEST(store.take("acct", Limits{}, TakeRequest{}).granted);  // usable again
}

BOOST_AUTO_TEST_CASE(the_default_path_is_machine_wide_when_it_can_be) {
  const std::string path = default_budget_path();
  struct stat info {};
  const bool machine_wide = ::stat("/var/lib/cibatch", &info) == 0
                                ? S_ISDIR(info.st_mode) && ::access("/var/lib/cibatch", W_OK) == 0
                                : ::access("/var/lib", W_OK) == 0;
  BOOST_TEST(path == (machine_wide ? "/var/lib/cibatch/budget.db" : "/var/tmp/cibatch/budget.db"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
