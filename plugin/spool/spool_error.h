// Why the spool cannot be used. The message names the file and what to do about it; it never
// holds content or a secret.
#pragma once

#include <stdexcept>
#include <string>

namespace cib {

class SpoolError : public std::runtime_error {
 public:
  enum class Kind {
    open,          // the file or its directory cannot be opened or created
    not_sqlite,    // the file is not a SQLite database (or is damaged)
    newer_schema,  // written by a newer cibatch
    network_fs,    // on NFS, SMB/CIFS or FUSE, where WAL is unsafe
    full,          // disk full or spool.max_mb reached
    read_only,     // the file or filesystem is read-only
    io             // any other SQLite or I/O failure
  };
  SpoolError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace cib
