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

// database.cpp phrases its failures "spool PATH: DOING failed: DETAIL; FIX"; the budget keeps
// SQLite's DETAIL (it names no value, so no secret) and gives its own fix.
std::string sqlite_detail(const std::string& message) {
  const std::string marker = " failed: ";
  const std::size_t start = message.find(marker);
  if (start == std::string::npos) return message;
  const std::size_t from = start + marker.size();
  const std::size_t end = message.find("; ", from);
  return message.substr(from, end == std::string::npos ? std::string::npos : end - from);
}

std::string fix_for(SpoolError::Kind kind, const std::string& detail,
                    std::int64_t busy_timeout_ms) {
  switch (kind) {
    case SpoolError::Kind::full:
      return "free disk space on its filesystem, or set budget.path to another file";
    case SpoolError::Kind::read_only:
      return "make the file, its -wal and -shm files and its directory writable by every user "
             "of the budget (budget.group), or set budget.path to another file";
    case SpoolError::Kind::open:
      return "check that its directory exists and that this user may write to it "
             "(budget.group), or set budget.path to another file";
    default:
      break;
  }
  if (detail.find("locked") != std::string::npos || detail.find("busy") != std::string::npos) {
    return "another process kept the budget file locked longer than " +
           std::to_string(busy_timeout_ms) + " ms; find the process that holds it";
  }
  return "check the disk and the permissions of the file and its directory, or set budget.path "
         "to another file";
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
  {
    Statement wal = db.prepare("PRAGMA journal_mode = WAL");
    if (!wal.step() || wal.column_text(0) != "wal") {
      throw BudgetError(Kind::unavailable,
                        "budget file " + db.path() +
                            ": SQLite could not switch it to WAL mode; put budget.path on a "
                            "local filesystem with shared memory and locks");
    }
  }
  // A first read in WAL mode makes the -wal and -shm files, so that they get their access
  // with the file's.
  query_integer(db.handle(), db.path(), "SELECT count(*) FROM pauses");
}

}  // namespace

BudgetError budget_error(const SpoolError& error, const std::string& path, const std::string& doing,
                         std::int64_t busy_timeout_ms) {
  const std::string detail = sqlite_detail(error.what());
  if (error.kind() == SpoolError::Kind::not_sqlite) {
    return BudgetError(Kind::damaged, path + " is not a cibatch budget file (" + detail +
                                          "); move it aside or set budget.path to another file");
  }
  return BudgetError(Kind::unavailable, "budget file " + path + ": " + doing +
                                            " failed: " + detail + "; " +
                                            fix_for(error.kind(), detail, busy_timeout_ms));
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
  } catch (const SpoolError& error) {
    if (error.kind() == SpoolError::Kind::not_sqlite) {
      refuse_not_a_budget(path, "not a SQLite database, or a damaged one");
    }
    throw budget_error(error, path, "opening", busy_timeout_ms);
  }
  secure_budget_file(path, group);
  return db;
}

}  // namespace cib
