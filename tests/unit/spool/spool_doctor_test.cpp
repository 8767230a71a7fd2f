#include "spool/spool_doctor.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>
#include <iterator>
#include <memory>

#include "spool/process_owner.h"
#include "temp_dir.h"

namespace cib {

namespace {

// Schema v1 as the spool's contract writes it (spool_schema.md).
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE slots(
  identity TEXT NOT NULL, slot_key TEXT NOT NULL, kind INTEGER NOT NULL, desired TEXT NOT NULL,
  order_key BLOB NOT NULL, gating INTEGER NOT NULL, settled_key BLOB, pending INTEGER NOT NULL,
  updated_ns INTEGER NOT NULL, PRIMARY KEY(identity, slot_key)) WITHOUT ROWID;
CREATE INDEX slots_pending ON slots(identity, pending);
CREATE TABLE delivered(
  identity TEXT NOT NULL, slot_key TEXT NOT NULL, content TEXT NOT NULL,
  order_key BLOB NOT NULL, wall_ns INTEGER NOT NULL,
  PRIMARY KEY(identity, slot_key)) WITHOUT ROWID;
CREATE TABLE remote(
  identity TEXT NOT NULL, slot_key TEXT NOT NULL, state TEXT NOT NULL,
  updated_ns INTEGER NOT NULL, PRIMARY KEY(identity, slot_key)) WITHOUT ROWID;
CREATE TABLE leases(
  identity TEXT NOT NULL, slot_key TEXT NOT NULL, token INTEGER NOT NULL,
  owner_boot TEXT, owner_pid INTEGER, owner_start INTEGER, expires_ns INTEGER NOT NULL,
  PRIMARY KEY(identity, slot_key)) WITHOUT ROWID;
PRAGMA user_version = 1;
)sql";

using Database = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Database open_database(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open(path.c_str(), &db);
  Database owned(db, sqlite3_close);
  BOOST_REQUIRE(rc == SQLITE_OK);
  return owned;
}

void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string lease_row(const char* slot, const ProcessOwner& owner, std::int64_t expires_ns) {
  return "INSERT INTO leases VALUES('id','" + std::string(slot) + "',1,'" + owner.boot_id + "'," +
         std::to_string(owner.pid) + "," + std::to_string(owner.start_time) + "," +
         std::to_string(expires_ns) + ");";
}

std::int64_t reaped_child_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  BOOST_REQUIRE(child > 0);
  int status = 0;
  BOOST_REQUIRE(::waitpid(child, &status, 0) == child);
  return child;
}

// Two pending slots (one gating), one settled, two delivered records and four leases of which
// only the one this process holds is live.
void fill(sqlite3* db) {
  exec(db, kSchemaV1);
  const std::string blob = "x'00000000000000000000000000000000000000000000000000000001'";
  exec(db, "INSERT INTO slots VALUES('id','s1',0,'{}'," + blob +
               ",1,NULL,1,0);"
               "INSERT INTO slots VALUES('id','s2',0,'{}'," +
               blob +
               ",0,NULL,1,0);"
               "INSERT INTO slots VALUES('id','s3',1,'{}'," +
               blob + ",1," + blob +
               ",0,0);"
               "INSERT INTO delivered VALUES('id','s3','{}'," +
               blob +
               ",0);"
               "INSERT INTO delivered VALUES('other','s3','{}'," +
               blob + ",0);");
  const ProcessOwner self = current_process_owner();
  ProcessOwner gone = self;
  gone.pid = reaped_child_pid();
  const std::int64_t later = now_ns() + 3'600'000'000'000LL;
  exec(db, lease_row("s1", self, later) + lease_row("s2", self, now_ns() - 1) +
               lease_row("s3", gone, later) +
               "INSERT INTO leases VALUES('id','s4',3,NULL,NULL,NULL," + std::to_string(later) +
               ");");
}

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

bool exists(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0;
}

std::string garbage() {
  std::string bytes;
  for (int i = 0; i < 8192; ++i) bytes += static_cast<char>((i * 131 + 7) % 256);
  return bytes;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spool_doctor)

BOOST_AUTO_TEST_CASE(a_healthy_spool_reports_its_counts) {
  test::TempDir temp("cibatch-doctor");
  const std::string path = temp.file("spool.db");
  Database writer = open_database(path);
  exec(writer.get(), "PRAGMA journal_mode=WAL;");
  fill(writer.get());  // still open, with the rows in the WAL, as a running client leaves it

  const SpoolReport report = check_spool(path);
  BOOST_TEST(report.exists);
  BOOST_TEST(report.healthy);
  BOOST_TEST(report.problems.empty());
  BOOST_TEST(report.schema_version == 1);
  BOOST_TEST(report.pending == 2);
  BOOST_TEST(report.gating == 1);
  BOOST_TEST(report.delivered == 2);
  BOOST_TEST(report.leased == 1);
  BOOST_TEST(report.moved_to.empty());
}

BOOST_AUTO_TEST_CASE(pending_updates_are_counted_per_identity_with_its_api_url) {
  test::TempDir temp("cibatch-doctor");
  const std::string path = temp.file("spool.db");
  {
    Database db = open_database(path);
    fill(db.get());
    exec(db.get(),
         "INSERT INTO slots SELECT 'other', slot_key, kind, desired, order_key, gating, "
         "settled_key, pending, updated_ns FROM slots WHERE slot_key = 's1';");
  }
  const SpoolReport v1 = check_spool(path);
  BOOST_TEST(v1.healthy);
  BOOST_REQUIRE(v1.identities.size() == 2u);
  BOOST_TEST(v1.identities[0].identity == "id");
  BOOST_TEST(v1.identities[0].api_url.empty());  // a schema 1 file has no record of it
  BOOST_TEST(v1.identities[0].pending == 2);
  BOOST_TEST(v1.identities[0].gating == 1);
  BOOST_TEST(v1.identities[1].identity == "other");
  BOOST_TEST(v1.identities[1].pending == 1);

  exec(open_database(path).get(),
       "CREATE TABLE identities(identity TEXT NOT NULL PRIMARY KEY, api_url TEXT NOT NULL) "
       "WITHOUT ROWID; INSERT INTO identities VALUES('other', 'http://localhost:8080/2.0'); "
       "PRAGMA user_version = 2;");
  const SpoolReport v2 = check_spool(path);
  BOOST_TEST(v2.healthy);
  BOOST_REQUIRE(v2.identities.size() == 2u);
  BOOST_TEST(v2.identities[0].api_url.empty());
  BOOST_TEST(v2.identities[1].api_url == "http://localhost:8080/2.0");
  BOOST_TEST(v2.identities[1].gating == 1);
  Poco::JSON::Parser parser;
  const auto json = parser.parse(to_json(v2)).extract<Poco::JSON::Object::Ptr>();
  const auto other = json->getArray("identities")->getObject(1);
  BOOST_TEST(other->getValue<std::string>("identity") == "other");
  BOOST_TEST(other->getValue<std::string>("api_url") == "http://localhost:8080/2.0");
  BOOST_TEST(other->getValue<int>("pending") == 1);
}

BOOST_AUTO_TEST_CASE(check_leaves_the_file_as_it_was) {
  test::TempDir temp("cibatch-doctor");
  const std::string path = temp.file("spool.db");
  fill(open_database(path).get());
  const std::string before = bytes_of(path);
  BOOST_TEST(check_spool(path).healthy);
  BOOST_TEST(bytes_of(path) == before);
  BOOST_TEST(!exists(path + "-wal"));
}

BOOST_AUTO_TEST_CASE(repair_leaves_a_healthy_spool_in_place) {
  test::TempDir temp("cibatch-doctor");
  const std::string path = temp.file("spool.db");
  fill(open_database(path).get());
  const SpoolReport report = repair_spool(path);
  BOOST_TEST(report.healthy);
  BOOST_TEST(report.moved_to.empty());
  BOOST_TEST(exists(path));
}

BOOST_AUTO_TEST_CASE(a_garbage_file_is_damaged_and_moved_aside_by_repair) {
  test::TempDir temp("cibatch-doctor");
  const std::string path = temp.file("spool.db");
  const std::string bytes = garbage();
  write_bytes(path, bytes);
  write_bytes(path + "-wal", "stale journal");

  const SpoolReport checked = check_spool(path);
  BOOST_TEST(checked.exists);
  BOOST_TEST(!checked.healthy);
  BOOST_REQUIRE(!checked.problems.empty());
  BOOST_TEST(checked.problems[0].find("not a SQLite database") != std::string::npos);
  BOOST_TEST(exists(path));

  const SpoolReport repaired = repair_spool(path);
  BOOST_TEST(!repaired.healthy);
  BOOST_TEST(repaired.moved_to.rfind(path + ".damaged-", 0) == 0u);
  BOOST_TEST(repaired.moved_to.size() ==
             path.size() + std::string(".damaged-20240101T000000Z").size());
  BOOST_TEST(!exists(path));
  BOOST_TEST(!exists(path + "-wal"));
  BOOST_TEST(bytes_of(repaired.moved_to) == bytes);
  BOOST_TEST(bytes_of(repaired.moved_to + "-wal") == "stale journal");
}

BOOST_AUTO_TEST_CASE(a_second_repair_in_the_same_second_keeps_both_files) {
  test::TempDir temp("cibatch-doctor");
  const std::string path = temp.file("spool.db");
  write_bytes(path, garbage());
  const std::string first = repair_spool(path).moved_to;
  write_bytes(path, garbage() + "2");
  const std::string second = repair_spool(path).moved_to;
  BOOST_TEST(!first.empty());
  BOOST_TEST(!second.empty());
  BOOST_TEST(first != second);
  BOOST_TEST(bytes_of(first) == garbage());
  BOOST_TEST(bytes_of(second) == garbage() + "2");
}

BOOST_AUTO_TEST_CASE(a_newer_schema_is_reported_and_never_moved) {
  test::TempDir temp("cibatch-doctor");
  const std::string path = temp.file("spool.db");
  {
    Database db = open_database(path);
    fill(db.get());
    exec(db.get(), "PRAGMA user_version = 7;");
  }
  const SpoolReport checked = check_spool(path);
  BOOST_TEST(!checked.healthy);
  BOOST_TEST(checked.schema_version == 7);
  BOOST_REQUIRE(checked.problems.size() == 1u);
  BOOST_TEST(checked.problems[0].find("newer cibatch") != std::string::npos);

  const SpoolReport repaired = repair_spool(path);
  BOOST_TEST(repaired.moved_to.empty());
  BOOST_TEST(exists(path));
}

BOOST_AUTO_TEST_CASE(an_absent_file_is_fine_and_not_created) {
  test::TempDir temp("cibatch-doctor");
  const std::string path = temp.file("spool.db");
  const SpoolReport checked = check_spool(path);
  BOOST_TEST(!checked.exists);
  BOOST_TEST(checked.healthy);
  BOOST_TEST(checked.problems.empty());
  BOOST_TEST(repair_spool(path).moved_to.empty());
  BOOST_TEST(!exists(path));
}

BOOST_AUTO_TEST_CASE(another_programs_database_is_left_alone) {
  test::TempDir temp("cibatch-doctor");
  const std::string path = temp.file("spool.db");
  exec(open_database(path).get(), "CREATE TABLE notes(text TEXT);");
  const SpoolReport repaired = repair_spool(path);
  BOOST_TEST(!repaired.healthy);
  BOOST_TEST(repaired.problems.size() == 1u);
  BOOST_TEST(repaired.moved_to.empty());
  BOOST_TEST(exists(path));
}

BOOST_AUTO_TEST_CASE(the_report_reads_as_json) {
  SpoolReport report;
  report.path = "/var/lib/cibatch/ci/spool.db";
  report.exists = true;
  report.pending = 3;
  report.leased = 1;
  report.problems = {"one \"quoted\" problem"};
  Poco::JSON::Parser parser;
  const auto object = parser.parse(to_json(report)).extract<Poco::JSON::Object::Ptr>();
  BOOST_TEST(object->getValue<std::string>("path") == report.path);
  BOOST_TEST(object->getValue<bool>("exists"));
  BOOST_TEST(!object->getValue<bool>("healthy"));
  BOOST_TEST(object->getValue<int>("pending") == 3);
  BOOST_TEST(object->getValue<int>("leased") == 1);
  BOOST_TEST(object->getArray("problems")->getElement<std::string>(0) == report.problems[0]);
  BOOST_TEST(object->getValue<std::string>("moved_to").empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
