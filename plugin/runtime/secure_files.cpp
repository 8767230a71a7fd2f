#include "runtime/secure_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "runtime/directory_setup.h"
#include "runtime/group_lookup.h"

namespace cib {
namespace {

constexpr mode_t kPrivateMode = 0600;
constexpr mode_t kSharedMode = 0660;

[[noreturn]] void fail(const std::string& path, const std::string& what, int error) {
  throw DirectoryError(DirectoryError::Kind::failed,
                       path + ": " + what + " (" + std::strerror(error) + ")");
}

// Exactly `mode` (no other permission, set-id or sticky bit) and, when given, `gid`.
bool has_access(const std::string& path, mode_t mode, std::optional<gid_t> gid) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && (info.st_mode & 07777) == mode &&
         (!gid || info.st_gid == *gid);
}

// Gives an existing path to the group (when shared) and sets its mode. Another member of the
// group may own it: then it is fine when it already has that group and mode.
void set_access(const std::string& path, const FileSharing& sharing) {
  const mode_t mode = sharing.gid ? kSharedMode : kPrivateMode;
  if (sharing.gid) {
    if (::chown(path.c_str(), static_cast<uid_t>(-1), *sharing.gid) != 0) {
      const int error = errno;
      if (!has_access(path, mode, sharing.gid)) {
        fail(path, "cannot give it to " + sharing.setting + " '" + sharing.group + "'", error);
      }
      return;
    }
  }
  if (::chmod(path.c_str(), mode) == 0) return;
  const int error = errno;
  if (error != EPERM || !has_access(path, mode, sharing.gid)) {
    fail(path, "cannot set its permissions", error);
  }
}

}  // namespace

FileSharing file_sharing(const std::string& setting, const std::string& group,
                         const std::string& path) {
  FileSharing sharing{setting, group, std::nullopt};
  if (group.empty()) return sharing;
  sharing.gid = lookup_group(group);
  if (!sharing.gid) {
    throw DirectoryError(DirectoryError::Kind::unknown_group,
                         path + ": " + setting + " '" + group +
                             "' is no group of this machine: set " + setting +
                             " to an existing group (getent group) or leave it empty");
  }
  return sharing;
}

void secure_database_files(const std::string& file, const FileSharing& sharing) {
  set_access(file, sharing);
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string companion = file + suffix;
    if (::access(companion.c_str(), F_OK) == 0) set_access(companion, sharing);
  }
}

namespace {

// Creates one file, empty, with its final mode and group, unless it exists.
void create_file_in_place(const std::string& file, const FileSharing& sharing) {
  if (::access(file.c_str(), F_OK) == 0) return;
  const std::string temporary = file + ".new-" + std::to_string(::getpid());
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, kPrivateMode);
  if (fd < 0) fail(file, "cannot create it", errno);
  ::close(fd);
  try {
    set_access(temporary, sharing);
  } catch (...) {
    ::unlink(temporary.c_str());
    throw;
  }
  const int linked = ::link(temporary.c_str(), file.c_str()) == 0 ? 0 : errno;
  ::unlink(temporary.c_str());
  if (linked != 0 && linked != EEXIST) fail(file, "cannot create it", linked);
}

}  // namespace

void create_database_file(const std::string& file, const FileSharing& sharing) {
  create_file_in_place(file, sharing);
  if (!sharing.gid) return;
  // SQLite makes these with the umask's mode and chmods them a moment later: a member opening
  // one in between gets it read-only. Made here, and kept by the connection (keep_wal_files).
  create_file_in_place(file + "-wal", sharing);
  create_file_in_place(file + "-shm", sharing);
}

const char* unmodifiable_attribute(const char* path) noexcept {
  struct statx info {};
  if (::statx(AT_FDCWD, path, 0, STATX_BASIC_STATS, &info) != 0) return nullptr;
  const std::uint64_t flags = info.stx_attributes & info.stx_attributes_mask;
  if ((flags & STATX_ATTR_IMMUTABLE) != 0) return "immutable (chattr +i)";
  if ((flags & STATX_ATTR_APPEND) != 0) return "append-only (chattr +a)";
  return nullptr;
}

}  // namespace cib
