#include "budget/budget_database.h"

#include <sqlite3.h>

#include "budget/budget_files.h"

namespace cib {
namespace {

using Kind = BudgetError::Kind;

// NOMUTEX: the store serialises its connection with its own mutex.
constexpr int kOpenFlags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

// Numbered and additive: a released migration is never edited, a change is a new one.
// entries_by_time covers every read of a take, so a take never visits the table itself.
// Bucket levels are kept in millionths of a token: exact integers, finer than any refill.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE entries(
  identity TEXT NOT NULL,
  log TEXT NOT NULL,
  t_ms INTEGER NOT NULL,
  priority INTEGER NOT NULL);
CREATE INDEX entries_by_time ON entries(identity, log, t_ms, priority);
CREATE TABLE buckets(
  identity TEXT NOT NULL, name TEXT NOT NULL,
  micro_tokens INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY(identity, name)) WITHOUT ROWID;
CREATE TABLE pauses(
  identity TEXT NOT NULL PRIMARY KEY,
  until_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE heartbeats(
  identity TEXT NOT NULL, client_id TEXT NOT NULL,
  expires_ms INTEGER NOT NULL,
  PRIMARY KEY(identity, client_id)) WITHOUT ROWID;
)sql",
};

static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kBudgetSchemaVersion,
              "one migration per schema version");

// The budget keeps SQLite's sentence (it names no value, so no secret) and gives its own fix.
std::string fix_for(SqliteError::Kind kind, std::int64_t busy_timeout_ms) {
  switch (kind) {
    case SqliteError::Kind::full:
      return "free disk space on its filesystem, or set budget.path to another file";
    case SqliteError::Kind::read_only:
    case SqliteError::Kind::unmodifiable:
      return "make the file, its -wal and -shm files and its directory writable by every user "
             "of the budget (budget.group), or set budget.path to another file";
    case SqliteError::Kind::cant_open:
      return "check that its directory exists and that this user may write to it "
             "(budget.group), or set budget.path to another file";
    case SqliteError::Kind::busy:
      return "another process kept the budget file locked longer than " +
             std::to_string(busy_timeout_ms) + " ms; find the process that holds it";
    default:
      return "check the disk and the permissions of the file and its directory, or set "
             "budget.path to another file";
  }
}

[[noreturn]] void refuse_not_a_budget(const std::string& path, const std::string& why) {
  throw BudgetError(Kind::damaged, path + " is not a cibatch budget file (" + why +
                                       "); move it aside or set budget.path to another file");
}

int user_version(Database& db) {
  return static_cast<int>(query_integer(db.handle(), db.path(), "PRAGMA user_version"));
}

void refuse_newer(int version, const std::string& path) {
  throw BudgetError(Kind::config,
                    "budget file " + path + " has schema version " + std::to_string(version) +
                        ", newer than this cibatch knows (" + std::to_string(kBudgetSchemaVersion) +
                        "): upgrade cibatch on this machine, or set budget.path to "
                        "another file");
}

void migrate(Database& db) {
  // Read first without the write lock: a current file (the usual case) needs no transaction.
  int version = user_version(db);
  if (version == kBudgetSchemaVersion) return;
  if (version > kBudgetSchemaVersion) refuse_newer(version, db.path());

  ImmediateTransaction transaction(db);
  version = user_version(db);  // another process may have created the tables meanwhile
  if (version == kBudgetSchemaVersion) return;
  if (version > kBudgetSchemaVersion) refuse_newer(version, db.path());
  if (version == 0 &&
      query_integer(db.handle(), db.path(), "SELECT count(*) FROM sqlite_master") > 0) {
    refuse_not_a_budget(db.path(), "a SQLite database of another program");
  }
  for (int next = version + 1; next <= kBudgetSchemaVersion; ++next) {
    db.exec(kMigrations[next - 1]);
  }
  // PRAGMA takes no bound parameters; the number is ours.
  db.exec(("PRAGMA user_version = " + std::to_string(kBudgetSchemaVersion)).c_str());
  transaction.commit();
}

// Persistent: every later connection of any process finds the file in WAL mode.
void switch_to_wal(Database& db) {
  db.enable_wal();
  // A first read in WAL mode makes the -wal and -shm files, so that they get their access
  // with the file's.
  query_integer(db.handle(), db.path(), "SELECT count(*) FROM pauses");
}

}  // namespace

BudgetError budget_error(const SqliteError& error, const std::string& doing,
                         std::int64_t busy_timeout_ms) {
  const std::string& path = error.path();
  switch (error.kind()) {
    case SqliteError::Kind::not_a_database:
    case SqliteError::Kind::corrupt:
      return BudgetError(Kind::damaged, path + " is not a cibatch budget file (" + error.detail() +
                                            "); move it aside or set budget.path to another file");
    case SqliteError::Kind::no_wal:
      return BudgetError(Kind::unavailable,
                         "budget file " + path +
                             ": SQLite could not switch it to WAL mode; put budget.path on a "
                             "local filesystem with shared memory and locks");
    default:
      return BudgetError(Kind::unavailable, "budget file " + path + ": " + doing +
                                                " failed: " + error.detail() + "; " +
                                                fix_for(error.kind(), busy_timeout_ms));
  }
}

std::unique_ptr<Database> open_budget_database(const std::string& path, const std::string& group,
                                               std::int64_t busy_timeout_ms) {
  prepare_budget_file(path, group);
  std::unique_ptr<Database> db;
  try {
    db = std::make_unique<Database>(path, kOpenFlags);
    db->busy_timeout(busy_timeout_ms);
    db->check_is_database();
    // Before WAL mode: switching it on rewrites the header of a file that must be refused.
    migrate(*db);
    // A crash of the machine may lose the last takes of the log, never corrupt it; takes stay
    // cheap without an fsync each.
    db->exec("PRAGMA synchronous = NORMAL");
    switch_to_wal(*db);
    if (!group.empty()) db->keep_wal_files();
  } catch (const SqliteError& error) {
    if (error.kind() == SqliteError::Kind::not_a_database ||
        error.kind() == SqliteError::Kind::corrupt) {
      refuse_not_a_budget(path, "not a SQLite database, or a damaged one");
    }
    throw budget_error(error, "opening", busy_timeout_ms);
  }
  secure_budget_file(path, group);
  return db;
}

}  // namespace cib
