// A thin RAII layer over SQLite's C API for the spool and the budget file: one connection,
// prepared statements that are prepared once and reused, and BEGIN IMMEDIATE transactions. Every
// failure becomes a SqliteError whose kind follows the SQLite result code and whose message
// names the file and what was being done, never the data.
//
// None of these types locks anything: the connection is opened with SQLITE_OPEN_NOMUTEX, so the
// owner serialises every use of a Database and its Statements with its own mutex.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/fork_gate.h"
#include "sqlite/sqlite_error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace cib {

// The SqliteError for SQLite result `rc` (extended codes welcome) while `doing` something with
// the file at `path`. `db` (may be null) supplies SQLite's own sentence.
SqliteError sqlite_error(sqlite3* db, int rc, const std::string& path, const std::string& doing);

// Runs SQL without results (several statements allowed). Throws SqliteError.
void execute(sqlite3* db, const std::string& path, const char* sql);
// The first column of the first row of `sql` (0 when there is none). Throws SqliteError.
std::int64_t query_integer(sqlite3* db, const std::string& path, const char* sql);

// One prepared statement. Bind indexes and column indexes are SQLite's (binds from 1, columns
// from 0). Move-only; finalized by the destructor.
class Statement {
 public:
  Statement(sqlite3* db, std::string path, const char* sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Copies the value (SQLITE_TRANSIENT), so temporaries may be bound.
  Statement& bind_text(int index, const std::string& value);
  Statement& bind_blob(int index, const std::string& bytes);
  Statement& bind_int64(int index, std::int64_t value);
  Statement& bind_null(int index);

  // True when a row is ready, false when the statement is done. Throws SqliteError.
  bool step();
  // Steps a statement that returns no rows to its end.
  void run();
  // Rows changed by the last run() (sqlite3_changes of the connection).
  std::int64_t changes() const;

  bool column_is_null(int column) const;
  std::int64_t column_int64(int column) const;
  std::string column_text(int column) const;
  std::string column_blob(int column) const;

  // Makes the statement ready for the next use and drops its bindings; ends its read, so that a
  // half-read SELECT never keeps a snapshot open. Never throws (a failed step already did).
  void reset() noexcept;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string path_;
};

// Resets a statement when a use of it ends, also by an exception.
class StatementUse {
 public:
  explicit StatementUse(Statement& statement) : statement_(statement) {}
  ~StatementUse() { statement_.reset(); }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

  Statement& operator*() const { return statement_; }
  Statement* operator->() const { return &statement_; }

 private:
  Statement& statement_;
};

class Database {
 public:
  // sqlite3_open_v2(path, flags, vfs) with extended result codes on; `vfs` null: the default.
  // Throws SqliteError.
  Database(const std::string& path, int flags, const char* vfs = nullptr);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
  void busy_timeout(std::int64_t ms);
  void exec(const char* sql) { execute(db_, path_, sql); }
  Statement prepare(const char* sql) { return Statement(db_, path_, sql); }

  // The first read of the file: decides whether it is a database at all before anything is
  // written to it. Throws SqliteError(not_a_database) for another kind of file.
  void check_is_database();
  // Caps the file (max_page_count); past it writes fail with SqliteError(full). 0: no cap.
  void limit_size(std::int64_t max_bytes);
  // Switches the file to WAL mode (persistent), or throws SqliteError(no_wal).
  void enable_wal();
  // Keeps the -wal and -shm files when this connection is the last to close
  // (SQLITE_FCNTL_PERSIST_WAL), for a file shared by several users: SQLite would otherwise make
  // them anew with a mode another user cannot write for a moment.
  void keep_wal_files();

  // Gives the connection up without closing it (a leak), for a file that closing would
  // harm; later uses fail. Statements prepared on it may still be finalized.
  // `false` takes it back (the file is harmless again), so the destructor closes it.
  void abandon(bool abandoned = true) noexcept { abandoned_ = abandoned; }

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  bool abandoned_ = false;
};

// BEGIN IMMEDIATE: the write lock is taken at the start (waiting up to the busy timeout), so a
// transaction that reads and then writes never fails half-way with SQLITE_BUSY. Rolled back by
// the destructor unless commit() succeeded. A fork() waits until it ends (runtime/fork_gate.h).
class ImmediateTransaction {
 public:
  ImmediateTransaction(sqlite3* db, std::string path);
  explicit ImmediateTransaction(Database& db) : ImmediateTransaction(db.handle(), db.path()) {}
  ~ImmediateTransaction();
  ImmediateTransaction(const ImmediateTransaction&) = delete;
  ImmediateTransaction& operator=(const ImmediateTransaction&) = delete;

  void commit();

 private:
  ForkGateHold fork_gate_;  // first member: taken before BEGIN, given back after the end
  sqlite3* db_;
  std::string path_;
  bool done_ = false;
};

// A file written with synchronous NORMAL (WAL: safe against a crash of the process, not of the
// machine; the spool with spool.sync batch) whose caller waits for a write needs it on disk, so
// its commit runs with FULL while this object lives. The level cannot change inside a transaction:
// construct it before the transaction.
class DurableCommits {
 public:
  DurableCommits(Database& db, bool needed);
  ~DurableCommits();
  DurableCommits(const DurableCommits&) = delete;
  DurableCommits& operator=(const DurableCommits&) = delete;

 private:
  Database& db_;
  bool needed_;
};

}  // namespace cib
