#include "spool/spool_sqlite_errors.h"

namespace cib {
namespace {

using Kind = SqliteError::Kind;

SpoolError::Kind spool_kind(Kind kind) {
  switch (kind) {
    case Kind::full:
      return SpoolError::Kind::full;
    case Kind::read_only:
    case Kind::unmodifiable:
      return SpoolError::Kind::read_only;
    case Kind::not_a_database:
    case Kind::corrupt:
      return SpoolError::Kind::not_sqlite;
    case Kind::cant_open:
      return SpoolError::Kind::open;
    default:
      return SpoolError::Kind::io;
  }
}

const char* fix_for(Kind kind) {
  switch (kind) {
    case Kind::full:
      return "free disk space, raise spool.max_mb, or set spool.path to another file";
    case Kind::read_only:
      return "make the file, its -wal and -shm files and its directory writable by this user, "
             "or set spool.path to a writable file";
    case Kind::unmodifiable:
      return "run chattr -i/-a on it, or set spool.path to another file";
    case Kind::not_a_database:
    case Kind::corrupt:
      return "move it aside with `cibatch spool repair --config FILE` or set spool.path";
    case Kind::cant_open:
      return "check that its directory exists and is writable by this user, or set spool.path";
    case Kind::busy:
      return "another process held the spool locked longer than spool.busy_timeout_ms; raise it "
             "or find the process that keeps the file locked";
    default:
      return "check the disk and the file's permissions; `cibatch spool check --config FILE` "
             "says what is wrong";
  }
}

}  // namespace

SpoolError spool_error(const SqliteError& error) {
  if (error.kind() == Kind::no_wal) {
    return SpoolError(SpoolError::Kind::io,
                      "spool " + error.path() +
                          ": SQLite could not switch the file to WAL mode; put spool.path on a "
                          "local filesystem with shared memory and locks");
  }
  return SpoolError(spool_kind(error.kind()), "spool " + error.path() + ": " + error.doing() +
                                                  " failed: " + error.detail() + "; " +
                                                  fix_for(error.kind()));
}

SpoolError not_a_spool(const std::string& path) {
  return SpoolError(SpoolError::Kind::not_sqlite,
                    path +
                        " is not a cibatch spool (not a SQLite database); move it aside with "
                        "`cibatch spool repair --config FILE` or set spool.path");
}

}  // namespace cib
