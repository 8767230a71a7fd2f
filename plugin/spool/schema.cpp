#include "spool/schema.h"

#include <sqlite3.h>

#include <string>

#include "spool/spool_error.h"
#include "spool/spool_sqlite_errors.h"
#include "sqlite/database.h"

namespace cib {
namespace {

struct Migration {
  int version;  // the user_version after it
  const char* sql;
};

// Numbered and additive: a released migration is never edited, a change is a new one. A file of
// an older 1.x keeps working with this code, and a file this code wrote keeps working with an
// older 1.x as far as that one reads it.
constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE slots(
  identity TEXT NOT NULL,
  slot_key TEXT NOT NULL,
  kind INTEGER NOT NULL,
  desired TEXT NOT NULL,
  order_key BLOB NOT NULL,
  gating INTEGER NOT NULL,
  settled_key BLOB,
  pending INTEGER NOT NULL,
  updated_ns INTEGER NOT NULL,
  PRIMARY KEY(identity, slot_key)) WITHOUT ROWID;
CREATE INDEX slots_pending ON slots(identity, pending);
CREATE TABLE delivered(
  identity TEXT NOT NULL, slot_key TEXT NOT NULL,
  content TEXT NOT NULL,
  order_key BLOB NOT NULL,
  wall_ns INTEGER NOT NULL,
  PRIMARY KEY(identity, slot_key)) WITHOUT ROWID;
CREATE TABLE remote(
  identity TEXT NOT NULL, slot_key TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_ns INTEGER NOT NULL,
  PRIMARY KEY(identity, slot_key)) WITHOUT ROWID;
CREATE TABLE leases(
  identity TEXT NOT NULL, slot_key TEXT NOT NULL,
  token INTEGER NOT NULL,
  owner_boot TEXT, owner_pid INTEGER, owner_start INTEGER,
  expires_ns INTEGER NOT NULL,
  PRIMARY KEY(identity, slot_key)) WITHOUT ROWID;
)sql"},
    // The API URL each identity posts to, so that `cibatch drain` and `spool check` can say
    // which host's configuration delivers updates another identity left (never a credential).
    {2, R"sql(
CREATE TABLE identities(
  identity TEXT NOT NULL PRIMARY KEY,
  api_url TEXT NOT NULL) WITHOUT ROWID;
)sql"},
    // Pull mode's scanner runs that have not ended, with the process that waits for each, so
    // that a client opened after that process died resumes them (spool/spool_pull_tasks.h).
    {3, R"sql(
CREATE TABLE pull_tasks(
  identity TEXT NOT NULL,
  task_key TEXT NOT NULL,
  record TEXT NOT NULL,
  owner_boot TEXT NOT NULL,
  owner_pid INTEGER NOT NULL,
  owner_start INTEGER NOT NULL,
  posted_ns INTEGER NOT NULL,
  PRIMARY KEY(identity, task_key)) WITHOUT ROWID;
)sql"},
};

static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSpoolSchemaVersion,
              "one migration per schema version");

int user_version(sqlite3* db, const std::string& path) {
  return static_cast<int>(query_integer(db, path, "PRAGMA user_version"));
}

void refuse_newer(int version, const std::string& path) {
  throw SpoolError(SpoolError::Kind::newer_schema,
                   "spool " + path + " has schema version " + std::to_string(version) +
                       ", newer than this cibatch knows (" + std::to_string(kSpoolSchemaVersion) +
                       "): it was written by a newer cibatch; upgrade, or set spool.path to "
                       "another file");
}

// A SQLite file of some other program: version 0 but tables already there.
void refuse_foreign(const std::string& path) {
  throw SpoolError(SpoolError::Kind::not_sqlite,
                   "spool " + path +
                       " is a SQLite database of another program, not a cibatch spool; set "
                       "spool.path to another file");
}

}  // namespace

void migrate_spool(sqlite3* db, const char* path_text) try {
  const std::string path(path_text);
  // Read first without the write lock: a current file (the usual case) needs no transaction.
  int version = user_version(db, path);
  if (version == kSpoolSchemaVersion) return;
  if (version > kSpoolSchemaVersion) refuse_newer(version, path);

  ImmediateTransaction transaction(db, path);
  version = user_version(db, path);  // another process may have migrated meanwhile
  if (version == kSpoolSchemaVersion) return;
  if (version > kSpoolSchemaVersion) refuse_newer(version, path);
  if (version == 0 && query_integer(db, path, "SELECT count(*) FROM sqlite_master") > 0) {
    refuse_foreign(path);
  }
  for (const Migration& migration : kMigrations) {
    if (migration.version > version) execute(db, path, migration.sql);
  }
  // PRAGMA takes no bound parameters; the number is ours.
  const std::string set_version = "PRAGMA user_version = " + std::to_string(kSpoolSchemaVersion);
  execute(db, path, set_version.c_str());
  transaction.commit();
} catch (const SqliteError& error) {
  throw spool_error(error);
}

}  // namespace cib
