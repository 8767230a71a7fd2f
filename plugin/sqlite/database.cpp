#include "sqlite/database.h"

#include <sqlite3.h>

#include <algorithm>
#include <utility>

#include "sqlite/guarded_vfs.h"

namespace cib {
namespace {

using Kind = SqliteError::Kind;

Kind kind_of(int rc) {
  switch (rc & 0xff) {  // the primary code of an extended one
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Kind::busy;
    case SQLITE_FULL:
      return Kind::full;
    case SQLITE_READONLY:
      return Kind::read_only;
    case SQLITE_NOTADB:
      return Kind::not_a_database;
    case SQLITE_CORRUPT:
      return Kind::corrupt;
    case SQLITE_CANTOPEN:
      return Kind::cant_open;
    default:
      return Kind::io;
  }
}

}  // namespace

SqliteError sqlite_error(sqlite3* db, int rc, const std::string& path, const std::string& doing) {
  // The guarded VFS refused a write because the -shm file became immutable: say so.
  if ((rc & 0xff) == SQLITE_IOERR && shm_is_unmodifiable((path + "-shm").c_str())) {
    return SqliteError(Kind::unmodifiable, rc, path, doing,
                       path + "-shm is immutable or append-only (chattr +i/+a)");
  }
  return SqliteError(kind_of(rc), rc, path, doing,
                     db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

void execute(sqlite3* db, const std::string& path, const char* sql) {
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw sqlite_error(db, rc, path, "a statement");
}

std::int64_t query_integer(sqlite3* db, const std::string& path, const char* sql) {
  Statement statement(db, path, sql);
  return statement.step() ? statement.column_int64(0) : 0;
}

Statement::Statement(sqlite3* db, std::string path, const char* sql)
    : db_(db), path_(std::move(path)) {
  const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt_);
    throw sqlite_error(db_, rc, path_, "preparing a statement");
  }
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), path_(std::move(other.path_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Statement& Statement::bind_text(int index, const std::string& value) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) throw sqlite_error(db_, rc, path_, "binding a value");
  return *this;
}

Statement& Statement::bind_blob(int index, const std::string& bytes) {
  const int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) throw sqlite_error(db_, rc, path_, "binding a value");
  return *this;
}

Statement& Statement::bind_int64(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) throw sqlite_error(db_, rc, path_, "binding a value");
  return *this;
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) throw sqlite_error(db_, rc, path_, "binding a value");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw sqlite_error(db_, rc, path_, "a statement");
}

void Statement::run() {
  while (step()) {
  }
}

std::int64_t Statement::changes() const {
  return sqlite3_changes64(db_);
}

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::column_text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::column_blob(int column) const {
  const void* bytes = sqlite3_column_blob(stmt_, column);
  if (bytes == nullptr) return {};
  return std::string(static_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

void Statement::reset() noexcept {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Database::Database(const std::string& path, int flags, const char* vfs) : path_(path) {
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, vfs);
  if (rc != SQLITE_OK) {
    SqliteError error = sqlite_error(db_, rc, path_, "opening the file");
    sqlite3_close_v2(db_);
    throw error;
  }
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() {
  if (abandoned_) return;
  // close_v2: statements still alive are finalized later by their owners without crashing.
  sqlite3_close_v2(db_);
}

void Database::busy_timeout(std::int64_t ms) {
  const int capped = ms > INT32_MAX ? INT32_MAX : static_cast<int>(ms < 0 ? 0 : ms);
  const int rc = sqlite3_busy_timeout(db_, capped);
  if (rc != SQLITE_OK) throw sqlite_error(db_, rc, path_, "setting the busy timeout");
}

void Database::check_is_database() {
  sqlite3_stmt* statement = nullptr;
  int rc = sqlite3_prepare_v2(db_, "PRAGMA schema_version", -1, &statement, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(statement);
  sqlite3_finalize(statement);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  throw sqlite_error(db_, rc, path_, "reading the file");
}

void Database::limit_size(std::int64_t max_bytes) {
  if (max_bytes <= 0) return;
  const std::int64_t page_size =
      std::max<std::int64_t>(1, query_integer(db_, path_, "PRAGMA page_size"));
  const std::int64_t pages = std::max<std::int64_t>(1, max_bytes / page_size);
  exec(("PRAGMA max_page_count = " + std::to_string(pages)).c_str());
}

void Database::enable_wal() {
  Statement statement = prepare("PRAGMA journal_mode = WAL");
  if (statement.step() && statement.column_text(0) == "wal") return;
  throw SqliteError(Kind::no_wal, 0, path_, "switching to WAL mode",
                    "SQLite could not switch the file to WAL mode; it needs a local filesystem "
                    "with shared memory and locks");
}

void Database::keep_wal_files() {
  int keep = 1;
  const int rc = sqlite3_file_control(db_, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
  if (rc != SQLITE_OK) throw sqlite_error(db_, rc, path_, "keeping the -wal and -shm files");
}

DurableCommits::DurableCommits(Database& db, bool needed) : db_(db), needed_(needed) {
  if (needed_) db_.exec("PRAGMA synchronous = FULL");
}

DurableCommits::~DurableCommits() {
  if (!needed_) return;
  try {
    db_.exec("PRAGMA synchronous = NORMAL");
  } catch (const SqliteError&) {
    // Only costs speed: later commits stay FULL.
  }
}

ImmediateTransaction::ImmediateTransaction(sqlite3* db, std::string path)
    : db_(db), path_(std::move(path)) {
  const int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw sqlite_error(db_, rc, path_, "starting a transaction");
}

ImmediateTransaction::~ImmediateTransaction() {
  // After SQLITE_FULL, IOERR or NOMEM SQLite may already have rolled back by itself.
  if (!done_ && sqlite3_get_autocommit(db_) == 0) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void ImmediateTransaction::commit() {
  const int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw sqlite_error(db_, rc, path_, "committing a transaction");
  done_ = true;
}

}  // namespace cib
