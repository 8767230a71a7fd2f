// Shared by the spool store tests: options for a spool in a temporary directory, slots, contents
// and order keys, and a second, independent look at the file.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "spool/spool.h"
#include "temp_dir.h"

namespace cib::test {

inline SpoolOptions spool_options(const TempDir& dir, SyncMode sync = SyncMode::batch) {
  SpoolOptions options;
  options.path = dir.file("state/spool.db");
  options.sync = sync;
  options.identity = "identity-a";
  options.lease_ms = 30000;
  options.busy_timeout_ms = 5000;
  return options;
}

inline SlotId status_slot(const std::string& key, const std::string& commit = "c0ffee") {
  SlotId id;
  id.kind = SlotKind::status;
  id.repo = "team/repo";
  id.commit = commit;
  id.key = key;
  return id;
}

inline SlotId comment_slot(const std::string& key, std::int64_t pr = 5) {
  SlotId id;
  id.kind = SlotKind::comment;
  id.repo = "team/repo";
  id.pr = pr;
  id.key = key;
  return id;
}

inline Content status(BuildState state, const std::string& description) {
  StatusContent content;
  content.state = state;
  content.name = "build";
  content.url = "https://ci.example.test/1";
  content.description = description;
  return content;
}

inline Content comment(const std::string& body) {
  return CommentContent{body};
}

// Order keys of one process: a later `n` is newer.
inline OrderKey order_at(std::int64_t n) {
  OrderKey key;
  key.wall_ns = 1'700'000'000'000'000'000LL + n;
  key.machine = 7;
  key.pid = 4242;
  key.counter = static_cast<std::uint64_t>(n);
  return key;
}

inline std::string description_of(const Content& content) {
  return std::get<StatusContent>(content).description;
}

inline std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path);
}

// A connection of its own (as another process would have), for reading what is on disk.
class RawConnection {
 public:
  explicit RawConnection(const std::string& path, int flags = SQLITE_OPEN_READWRITE) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      sqlite3_close(db_);
      throw std::runtime_error("cannot open " + path);
    }
  }
  ~RawConnection() { sqlite3_close(db_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  sqlite3* handle() const { return db_; }

  std::int64_t integer(const std::string& sql) const {
    sqlite3_stmt* statement = nullptr;
    std::int64_t value = -1;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      value = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
    return value;
  }

  void exec(const std::string& sql) const {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("sql failed: ") + sqlite3_errmsg(db_));
    }
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace cib::test
