// Making the directory a file of cibatch lives in (the spool, the budget file) without changing
// any directory cibatch did not make: an existing directory may be /tmp, /dev/shm, the working
// directory or /var/lib/cibatch itself, which other users and programs rely on.
#pragma once

#include <sys/types.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace cib {

// Why a directory, or a file cibatch keeps in it, cannot be used. The message names the path and
// what is wrong with it; the caller adds which setting to change.
class DirectoryError : public std::runtime_error {
 public:
  enum class Kind {
    failed,        // it cannot be read, created or given its access
    unsafe,        // it exists and others may write to it without the sticky bit
    unknown_group  // the group it should be shared with is no group of this machine
  };
  DirectoryError(Kind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// Creates `dir` and its missing parents. A parent this call creates gets 0755; `dir`, when
// this call creates it, gets `mode` (set with chmod, past the umask) and, with `gid`, that
// group. An existing directory is checked and never changed: refused (unsafe) when others may
// write to it and it lacks the sticky bit, since anyone could then replace the files in it.
// Returns true when this call created `dir`. Throws DirectoryError.
bool prepare_directory(const std::string& dir, mode_t mode, std::optional<gid_t> gid);

// Refuses `path` when it exists and is not a regular file (a device such as /dev/null, a
// directory, a FIFO, a socket), before anything opens it. `what` names the file in the message
// ("the spool"). Throws DirectoryError(failed).
void refuse_non_regular_file(const std::string& path, const std::string& what);

}  // namespace cib
