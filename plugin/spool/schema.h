// The spool's tables, versioned with PRAGMA user_version. Within major 1 migrations only add.
#pragma once

struct sqlite3;

namespace cib {

// The newest schema this library writes.
constexpr int kSpoolSchemaVersion = 3;

// Brings an open database to kSpoolSchemaVersion in one BEGIN IMMEDIATE transaction, applying
// each numbered migration after the file's user_version in turn. Throws SpoolError
// (newer_schema) for a file written by a newer schema, naming `path`.
void migrate_spool(sqlite3* db, const char* path);

}  // namespace cib
