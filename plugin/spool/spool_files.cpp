// The spool's place on disk and its permissions. Modes are set with chmod() after creation
// because the umask may have removed the group bits that spool.group needs.
#include "spool/spool_files.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "runtime/directory_setup.h"
#include "runtime/group_lookup.h"
#include "spool/spool_error.h"

namespace cib {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, int error) {
  throw SpoolError(SpoolError::Kind::open, path + ": " + what + " (" + std::strerror(error) +
                                               "): check spool.path, spool.group and the "
                                               "permissions of its directory");
}

// getpwuid_r needs a buffer for the strings it returns; grown on ERANGE.
constexpr std::size_t kMaxEntryBuffer = 1 << 20;

gid_t group_id(const std::string& group, const std::string& path) {
  const std::optional<gid_t> gid = lookup_group(group);
  if (!gid) {
    throw SpoolError(SpoolError::Kind::open,
                     path + ": spool.group '" + group +
                         "' is no group of this machine: set spool.group to an existing group "
                         "(getent group) or leave it empty");
  }
  return *gid;
}

struct UserEntry {
  std::string name, home;
};

std::optional<UserEntry> this_user() {
  std::vector<char> buffer(4096);
  struct passwd entry {};
  struct passwd* found = nullptr;
  int error = 0;
  while ((error = ::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &found)) ==
             ERANGE &&
         buffer.size() < kMaxEntryBuffer) {
    buffer.resize(buffer.size() * 2);
  }
  if (error != 0 || found == nullptr) return std::nullopt;
  return UserEntry{entry.pw_name ? entry.pw_name : "", entry.pw_dir ? entry.pw_dir : ""};
}

std::string user_name() {
  const std::optional<UserEntry> user = this_user();
  if (user && !user->name.empty()) return user->name;
  return std::to_string(::geteuid());  // a container user without a passwd entry
}

std::string home_directory() {
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home == '/') return home;
  const std::optional<UserEntry> user = this_user();
  if (user && !user->home.empty() && user->home[0] == '/') return user->home;
  return "/tmp";
}

// Sets the group (when shared) and the mode of an existing path. Another member of spool.group
// may own it: then it is fine when it already has that group and mode.
void set_access(const std::string& path, const std::string& group, mode_t private_mode,
                mode_t shared_mode) {
  const mode_t mode = group.empty() ? private_mode : shared_mode;
  const auto already = [&path, mode](std::optional<gid_t> gid) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && (info.st_mode & 07777) == mode &&
           (!gid || info.st_gid == *gid);
  };
  if (!group.empty()) {
    const gid_t gid = group_id(group, path);
    if (::chown(path.c_str(), static_cast<uid_t>(-1), gid) != 0) {
      const int error = errno;
      if (!already(gid)) fail(path, "cannot give it to spool.group '" + group + "'", error);
      return;
    }
  }
  if (::chmod(path.c_str(), mode) == 0) return;
  const int error = errno;
  if (error != EPERM || !already(std::nullopt)) fail(path, "cannot set its permissions", error);
}

}  // namespace

std::string default_spool_path() {
  const std::string machine_wide = "/var/lib/cibatch";
  struct stat info {};
  if (::stat(machine_wide.c_str(), &info) == 0 && S_ISDIR(info.st_mode) &&
      ::access(machine_wide.c_str(), W_OK) == 0) {
    return machine_wide + "/" + user_name() + "/spool.db";
  }
  // XDG: a relative $XDG_STATE_HOME is invalid and ignored.
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state != nullptr && *state == '/') return std::string(state) + "/cibatch/spool.db";
  return home_directory() + "/.local/state/cibatch/spool.db";
}

void prepare_spool_directory(const std::string& dir, const std::string& group) {
  if (dir.empty()) fail("spool.path", "has no directory", ENOENT);
  const std::optional<gid_t> gid =
      group.empty() ? std::nullopt : std::optional<gid_t>(group_id(group, dir));
  try {
    prepare_directory(dir, group.empty() ? 0700 : 0770, gid);
  } catch (const DirectoryError& error) {
    throw SpoolError(SpoolError::Kind::open, std::string(error.what()) +
                                                 ": check spool.path, spool.group and the "
                                                 "permissions of its directory");
  }
}

void refuse_non_regular_spool_files(const std::string& file) {
  try {
    refuse_non_regular_file(file, "the spool (spool.path)");
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      refuse_non_regular_file(file + suffix, "the spool's " + std::string(suffix + 1) + " file");
    }
  } catch (const DirectoryError& error) {
    throw SpoolError(SpoolError::Kind::open,
                     std::string(error.what()) + ": set spool.path to a regular file");
  }
}

void refuse_unmodifiable_spool_files(const std::string& file) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::string path = file + suffix;
    struct statx info {};
    if (::statx(AT_FDCWD, path.c_str(), 0, STATX_BASIC_STATS, &info) != 0) continue;
    const std::uint64_t flags = info.stx_attributes & info.stx_attributes_mask;
    const char* what = (flags & STATX_ATTR_IMMUTABLE) != 0 ? "immutable (chattr +i)"
                       : (flags & STATX_ATTR_APPEND) != 0  ? "append-only (chattr +a)"
                                                           : nullptr;
    if (what == nullptr) continue;
    throw SpoolError(SpoolError::Kind::read_only,
                     "spool " + path + " is " + what +
                         ": SQLite cannot write the spool through it (and writing the shared "
                         "memory it maps from the -shm file would end the process); this "
                         "process no longer uses the spool: run chattr -i/-a on it, or set "
                         "spool.path to another file");
  }
}

void secure_spool_file(const std::string& file, const std::string& group) {
  set_access(file, group, 0600, 0660);
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string companion = file + suffix;
    if (::access(companion.c_str(), F_OK) == 0) set_access(companion, group, 0600, 0660);
  }
}

}  // namespace cib
