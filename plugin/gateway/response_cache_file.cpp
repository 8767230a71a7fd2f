// The response cache's SQLite file: opened like the budget file (created with its final mode,
// checked to be a SQLite database before anything is written, numbered schema), but private to
// the gateway's user. The file holds the host's answers to reads; the tool's and the account's
// credentials are request headers and never reach it.
#include "gateway/response_cache_file.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cerrno>
#include <sstream>
#include <stdexcept>

#include "runtime/directory_setup.h"
#include "runtime/secure_files.h"

namespace cib::gw {
namespace {

constexpr const char* kSetting = "gateway.cache_path";
constexpr int kOpenFlags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
constexpr std::int64_t kBusyTimeoutMs = 5000;
constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE answers(
  identity TEXT NOT NULL,
  target TEXT NOT NULL,
  accept TEXT NOT NULL,
  status INTEGER NOT NULL,
  headers TEXT NOT NULL,
  body BLOB NOT NULL,
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  fetched_ms INTEGER NOT NULL,
  ttl_ms INTEGER NOT NULL,
  UNIQUE(identity, target, accept));
)sql";

constexpr const char* kUpsert =
    "INSERT INTO answers(identity, target, accept, status, headers, body, etag, last_modified, "
    "fetched_ms, ttl_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT(identity, target, accept) DO UPDATE SET status = excluded.status, "
    "headers = excluded.headers, body = excluded.body, etag = excluded.etag, "
    "last_modified = excluded.last_modified, fetched_ms = excluded.fetched_ms, "
    "ttl_ms = excluded.ttl_ms";
constexpr const char* kRemove =
    "DELETE FROM answers WHERE identity = ?1 AND target = ?2 AND accept = ?3";
constexpr const char* kSelectNewestFirst =
    "SELECT identity, target, accept, status, headers, body, etag, last_modified, fetched_ms, "
    "ttl_ms FROM answers ORDER BY fetched_ms DESC";

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
  throw std::runtime_error(std::string(kSetting) + " " + path + ": " + why);
}

[[noreturn]] void refuse_foreign(const std::string& path) {
  refuse(path,
         "not a cibatch gateway cache file (not a SQLite database, or a damaged one, or "
         "another program's); move it aside or set " +
             std::string(kSetting) + " to another file");
}

// A missing file is made empty with mode 0600 before SQLite opens it, so it never exists with
// the umask's mode; an existing one must be a regular file.
void prepare_file(const std::string& path) {
  try {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0 && errno == ENOENT) {
      create_database_file(path, file_sharing(kSetting, "", path));
      return;
    }
    refuse_non_regular_file(path, "the gateway's cache file (gateway.cache_path)");
  } catch (const DirectoryError& error) {
    throw std::runtime_error(std::string(error.what()) + ": check " + kSetting +
                             " and its directory");
  }
}

int user_version(Database& db) {
  return static_cast<int>(query_integer(db.handle(), db.path(), "PRAGMA user_version"));
}

void migrate(Database& db) {
  ImmediateTransaction transaction(db);
  const int version = user_version(db);
  if (version == kSchemaVersion) return;
  if (version > kSchemaVersion) {
    refuse(db.path(), "schema version " + std::to_string(version) +
                          " is newer than this cibatch knows; upgrade it or set " + kSetting +
                          " to another file");
  }
  if (query_integer(db.handle(), db.path(), "SELECT count(*) FROM sqlite_master") > 0) {
    refuse_foreign(db.path());
  }
  db.exec(kSchema);
  // PRAGMA takes no bound parameters; the number is ours.
  db.exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
  transaction.commit();
}

std::unique_ptr<Database> open_database(const std::string& path) {
  prepare_file(path);
  std::unique_ptr<Database> db;
  try {
    db = std::make_unique<Database>(path, kOpenFlags);
    db->busy_timeout(kBusyTimeoutMs);
    db->check_is_database();
    migrate(*db);  // before WAL mode, which rewrites the header of a file that must be refused
    // A crash of the machine may lose the last answers kept; they are only a cache.
    db->exec("PRAGMA synchronous = NORMAL");
    db->enable_wal();
    secure_database_files(path, file_sharing(kSetting, "", path));
  } catch (const SqliteError& error) {
    if (error.kind() == SqliteError::Kind::not_a_database ||
        error.kind() == SqliteError::Kind::corrupt) {
      refuse_foreign(path);
    }
    refuse(path, error.doing() + " failed: " + error.detail());
  } catch (const DirectoryError& error) {
    throw std::runtime_error(std::string(error.what()) + ": check " + kSetting);
  }
  return db;
}

std::string headers_text(const Headers& headers) {
  Poco::JSON::Array::Ptr pairs = new Poco::JSON::Array;
  for (const auto& [name, value] : headers) {
    Poco::JSON::Array::Ptr pair = new Poco::JSON::Array;
    pair->add(name);
    pair->add(value);
    pairs->add(pair);
  }
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(pairs, out);
  return out.str();
}

// Throws Poco::Exception when the text is not what headers_text() wrote.
Headers headers_of(const std::string& text) {
  Poco::JSON::Parser parser;
  const auto pairs = parser.parse(text).extract<Poco::JSON::Array::Ptr>();
  Headers headers;
  for (std::size_t i = 0; i < pairs->size(); ++i) {
    const auto pair = pairs->getArray(static_cast<unsigned>(i));
    if (!pair || pair->size() != 2) throw Poco::DataFormatException("a header is not a pair");
    headers.emplace_back(pair->getElement<std::string>(0), pair->getElement<std::string>(1));
  }
  return headers;
}

FileAnswer row_of(const Statement& select) {
  FileAnswer row;
  row.key = {select.column_text(0), select.column_text(1), select.column_text(2)};
  CachedAnswer& answer = row.answer;
  answer.status = static_cast<int>(select.column_int64(3));
  answer.headers = headers_of(select.column_text(4));
  answer.body = select.column_blob(5);
  answer.etag = select.column_text(6);
  answer.last_modified = select.column_text(7);
  answer.fetched_ms = select.column_int64(8);
  answer.ttl_ms = select.column_int64(9);
  return row;
}

}  // namespace

ResponseCacheFile::ResponseCacheFile(const std::string& path)
    : db_(open_database(path)), upsert_(db_->prepare(kUpsert)), remove_(db_->prepare(kRemove)) {}

std::vector<FileAnswer> ResponseCacheFile::load() {
  std::vector<FileAnswer> rows;
  FileChanges unreadable;
  {
    Statement select = db_->prepare(kSelectNewestFirst);
    while (select.step()) {
      try {
        rows.push_back(row_of(select));
      } catch (const Poco::Exception&) {
        unreadable.dropped.push_back(
            {select.column_text(0), select.column_text(1), select.column_text(2)});
      }
    }
  }
  write(unreadable);
  return rows;
}

bool ResponseCacheFile::write(const FileChanges& changes) {
  if (changes.empty()) return true;
  try {
    ImmediateTransaction transaction(*db_);
    for (const CacheKey& key : changes.dropped) {
      StatementUse use(remove_);
      use->bind_text(1, key.identity).bind_text(2, key.target).bind_text(3, key.accept).run();
    }
    for (const auto& [key, answer] : changes.kept) {
      StatementUse use(upsert_);
      use->bind_text(1, key->identity).bind_text(2, key->target).bind_text(3, key->accept);
      use->bind_int64(4, answer->status).bind_text(5, headers_text(answer->headers));
      use->bind_blob(6, answer->body).bind_text(7, answer->etag);
      use->bind_text(8, answer->last_modified).bind_int64(9, answer->fetched_ms);
      use->bind_int64(10, answer->ttl_ms).run();
    }
    transaction.commit();
    return true;
  } catch (const SqliteError&) {
    return false;
  }
}

}  // namespace cib::gw
