// The budget file's place on disk and its access (runtime/secure_files.h sets it).
#include "budget/budget_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "budget/budget_error.h"
#include "runtime/directory_setup.h"
#include "runtime/filesystem_check.h"
#include "runtime/secure_files.h"

namespace cib {
namespace {

using Kind = BudgetError::Kind;

constexpr mode_t kSharedDirectoryMode = 02770;  // set-group-id: new files take the group

[[noreturn]] void fail(const std::string& path, const std::string& what, int error) {
  throw BudgetError(Kind::unavailable, path + ": " + what + " (" + std::strerror(error) +
                                           "): check budget.path, budget.group and the "
                                           "permissions of its directory");
}

// The budget's words for a directory or file that cannot be used.
BudgetError budget_files_error(const DirectoryError& error) {
  if (error.kind() == DirectoryError::Kind::unknown_group) {
    return BudgetError(Kind::config, error.what());
  }
  return BudgetError(
      error.kind() == DirectoryError::Kind::unsafe ? Kind::config : Kind::unavailable,
      std::string(error.what()) +
          ": check budget.path, budget.group and the permissions of its directory");
}

// A directory this call creates is 0700, or set-group-id with the group, so the -wal and -shm
// files that SQLite creates for any member belong to the group from the start. An existing one
// is never changed: it may be /var/lib/cibatch itself, /var/tmp or the working directory.
void prepare_budget_directory(const std::string& dir, const std::string& group) {
  try {
    const FileSharing sharing = file_sharing("budget.group", group, dir);
    prepare_directory(dir, sharing.gid ? kSharedDirectoryMode : 0700, sharing.gid);
  } catch (const DirectoryError& error) {
    throw budget_files_error(error);
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
  FilesystemKind kind;
  try {
    kind = filesystem_of(dir, "the budget file");
  } catch (const DirectoryError& error) {
    throw budget_files_error(error);
  }
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
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 && errno == ENOENT) {
    // With its final mode and group at once: another member never finds it read-only.
    try {
      create_database_file(path, file_sharing("budget.group", group, path));
    } catch (const DirectoryError& error) {
      throw budget_files_error(error);
    }
    return;
  }
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
  try {
    secure_database_files(path, file_sharing("budget.group", group, path));
  } catch (const DirectoryError& error) {
    throw budget_files_error(error);
  }
}

}  // namespace cib
