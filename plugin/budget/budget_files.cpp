// The budget file's place on disk and its access. Modes are set with chmod() after creation
// because the umask may have removed the group bits that budget.group needs.
#include "budget/budget_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include "budget/budget_error.h"
#include "runtime/directory_setup.h"
#include "runtime/group_lookup.h"
#include "spool/filesystem_check.h"

namespace cib {
namespace {

using Kind = BudgetError::Kind;

constexpr mode_t kSharedDirectoryMode = 02770;  // set-group-id: new files take the group

[[noreturn]] void fail(const std::string& path, const std::string& what, int error) {
  throw BudgetError(Kind::unavailable, path + ": " + what + " (" + std::strerror(error) +
                                           "): check budget.path, budget.group and the "
                                           "permissions of its directory");
}

gid_t group_id(const std::string& group, const std::string& path) {
  const std::optional<gid_t> gid = lookup_group(group);
  if (!gid) {
    throw BudgetError(Kind::config, path + ": budget.group '" + group +
                                        "' is no group of this machine: set budget.group to an "
                                        "existing group (getent group) or leave it empty");
  }
  return *gid;
}

bool has_access(const std::string& path, mode_t mode, std::optional<gid_t> gid) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && (info.st_mode & mode) == mode &&
         (!gid || info.st_gid == *gid);
}

// Gives an existing path to the group (when shared) and sets its mode. Another member of the
// group may own it: then it is fine when it already has that group and mode.
void set_access(const std::string& path, const std::string& group, mode_t private_mode,
                mode_t shared_mode) {
  const mode_t mode = group.empty() ? private_mode : shared_mode;
  std::optional<gid_t> gid;
  if (!group.empty()) {
    gid = group_id(group, path);
    if (::chown(path.c_str(), static_cast<uid_t>(-1), *gid) != 0) {
      const int error = errno;
      if (!has_access(path, mode, gid)) {
        fail(path, "cannot give it to budget.group '" + group + "'", error);
      }
      return;
    }
  }
  if (::chmod(path.c_str(), mode) == 0) return;
  const int error = errno;
  if (error != EPERM || !has_access(path, mode, gid)) {
    fail(path, "cannot set its permissions", error);
  }
}

// A directory this call creates is 0700, or set-group-id with the group, so the -wal and -shm
// files that SQLite creates for any member belong to the group from the start. An existing one
// is never changed: it may be /var/lib/cibatch itself, /var/tmp or the working directory.
void prepare_budget_directory(const std::string& dir, const std::string& group) {
  const std::optional<gid_t> gid =
      group.empty() ? std::nullopt : std::optional<gid_t>(group_id(group, dir));
  try {
    prepare_directory(dir, group.empty() ? 0700 : kSharedDirectoryMode, gid);
  } catch (const DirectoryError& error) {
    throw BudgetError(
        error.kind() == DirectoryError::Kind::unsafe ? Kind::config : Kind::unavailable,
        std::string(error.what()) +
            ": check budget.path, budget.group and the permissions of its "
            "directory");
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    const int error = errno;
    throw BudgetError(Kind::unavailable,
                      dir + ": this user cannot create files in the budget directory (" +
                          std::strerror(error) +
                          "): users share the budget file through budget.group; set it on "
                          "every user of the file and add this user to that group, or set "
                          "budget.path to a file of this user");
  }
}

void refuse_network_filesystem_of(const std::string& dir) {
  struct statfs info {};
  if (::statfs(dir.c_str(), &info) != 0) {
    const int error = errno;
    fail(dir, "cannot check the filesystem of the budget file", error);
  }
  const FilesystemKind kind = classify_filesystem(static_cast<unsigned long>(info.f_type));
  if (!kind.network) return;
  throw BudgetError(Kind::config, dir + " is on " + kind.name +
                                      ": budget.path must be on a local disk (SQLite's WAL mode "
                                      "is unsafe on " +
                                      kind.name +
                                      "): set budget.path to a local file such as "
                                      "/var/lib/cibatch/budget.db");
}

// An existing file must be empty (SQLite makes it a database) or start with SQLite's header;
// anything else is another program's file, refused before a byte or mode of it changes.
void refuse_other_files(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    fail(path, "cannot open the budget file", error);
  }
  static constexpr char kHeader[] = "SQLite format 3";  // 16 bytes with its NUL
  char head[sizeof kHeader] = {};
  const ssize_t got = ::read(fd, head, sizeof head);
  const int error = errno;
  ::close(fd);
  if (got < 0) fail(path, "cannot read the budget file", error);
  if (got == 0 || (got == sizeof head && std::memcmp(head, kHeader, sizeof head) == 0)) return;
  throw BudgetError(Kind::damaged, path +
                                       " is not a cibatch budget file (not a SQLite database); "
                                       "move it aside or set budget.path to another file");
}

// A new file gets its access before SQLite writes a byte to it; an existing one only once it
// proved to be a budget file (open_budget_database).
void create_or_check_file(const std::string& path, const std::string& group) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    secure_budget_file(path, group);
    return;
  }
  const int error = errno;
  if (error != EEXIST) fail(path, "cannot create the budget file", error);
  try {
    refuse_non_regular_file(path, "the budget file (budget.path)");
  } catch (const DirectoryError& refused) {
    throw BudgetError(Kind::config,
                      std::string(refused.what()) + ": set budget.path to a regular file");
  }
  refuse_other_files(path);
}

}  // namespace

std::string default_budget_path() {
  const std::string machine_wide = "/var/lib/cibatch";
  struct stat info {};
  const bool usable = ::stat(machine_wide.c_str(), &info) == 0
                          ? S_ISDIR(info.st_mode) && ::access(machine_wide.c_str(), W_OK) == 0
                          : errno == ENOENT && ::access("/var/lib", W_OK) == 0;
  return (usable ? machine_wide : std::string("/var/tmp/cibatch")) + "/budget.db";
}

void prepare_budget_file(const std::string& path, const std::string& group) {
  if (path.empty() || path.back() == '/') {
    throw BudgetError(Kind::config, "budget.path '" + path +
                                        "' names no file: set it to a file such as "
                                        "/var/lib/cibatch/budget.db, or leave it empty");
  }
  const std::size_t slash = path.rfind('/');
  const std::string dir =
      slash == std::string::npos ? std::string(".") : (slash == 0 ? "/" : path.substr(0, slash));
  if (dir != "." && dir != "/") prepare_budget_directory(dir, group);
  refuse_network_filesystem_of(dir);
  create_or_check_file(path, group);
}

void secure_budget_file(const std::string& path, const std::string& group) {
  set_access(path, group, 0600, 0660);
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string companion = path + suffix;
    if (::access(companion.c_str(), F_OK) == 0) set_access(companion, group, 0600, 0660);
  }
}

}  // namespace cib
