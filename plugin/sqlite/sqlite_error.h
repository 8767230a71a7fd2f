// Why a SQLite file could not be used, in SQLite's terms. The owner of the file (the spool, the
// budget) turns it into its own error, with the setting to change and the fix in its words.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace cib {

class SqliteError : public std::runtime_error {
 public:
  enum class Kind {
    busy,            // another connection kept the file locked past the busy timeout
    full,            // the disk is full, or the file reached its size cap
    read_only,       // the file, its directory or its filesystem cannot be written
    unmodifiable,    // the -shm file became immutable or append-only (chattr +i/+a)
    not_a_database,  // the file is no SQLite database
    corrupt,         // the file is a damaged SQLite database
    cant_open,       // the file cannot be opened or created
    no_wal,          // SQLite could not switch the file to WAL mode
    io               // any other failure
  };

  // `code`: SQLite's (extended) result code, 0 when none. `detail`: SQLite's sentence, which
  // names files, tables and columns, never a bound value, so it holds no content and no secret.
  SqliteError(Kind kind, int code, std::string path, std::string doing, std::string detail)
      : std::runtime_error(path + ": " + doing + " failed: " + detail),
        kind_(kind),
        code_(code),
        path_(std::move(path)),
        doing_(std::move(doing)),
        detail_(std::move(detail)) {}

  Kind kind() const { return kind_; }
  int code() const { return code_; }
  const std::string& path() const { return path_; }
  const std::string& doing() const { return doing_; }    // "opening the file", "a statement"
  const std::string& detail() const { return detail_; }  // SQLite's own sentence

 private:
  Kind kind_;
  int code_;
  std::string path_;
  std::string doing_;
  std::string detail_;
};

}  // namespace cib
