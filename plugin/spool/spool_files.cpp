// The spool's place on disk and its permissions (runtime/secure_files.h sets them).
#include "spool/spool_files.h"

#include <pwd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "runtime/directory_setup.h"
#include "runtime/filesystem_check.h"
#include "runtime/secure_files.h"
#include "spool/spool_error.h"

namespace cib {

namespace {

// The spool's words for a directory or file that cannot be used.
SpoolError spool_files_error(const DirectoryError& error) {
  if (error.kind() == DirectoryError::Kind::unknown_group) {
    return SpoolError(SpoolError::Kind::open, error.what());
  }
  return SpoolError(SpoolError::Kind::open, std::string(error.what()) +
                                                ": check spool.path, spool.group and the "
                                                "permissions of its directory");
}

// getpwuid_r needs a buffer for the strings it returns; grown on ERANGE.
constexpr std::size_t kMaxEntryBuffer = 1 << 20;

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
  try {
    if (dir.empty()) {
      throw DirectoryError(
          DirectoryError::Kind::failed,
          std::string("spool.path: has no directory (") + std::strerror(ENOENT) + ")");
    }
    const FileSharing sharing = file_sharing("spool.group", group, dir);
    prepare_directory(dir, sharing.gid ? 0770 : 0700, sharing.gid);
  } catch (const DirectoryError& error) {
    throw spool_files_error(error);
  }
}

void refuse_network_filesystem(const std::string& dir) {
  FilesystemKind kind;
  try {
    kind = filesystem_of(dir, "the spool");
  } catch (const DirectoryError& error) {
    throw SpoolError(SpoolError::Kind::open,
                     std::string(error.what()) + ": check spool.path and its permissions");
  }
  if (!kind.network) return;
  throw SpoolError(SpoolError::Kind::network_fs,
                   dir + " is on " + kind.name +
                       ": spool.path must be on a local disk (SQLite's WAL mode is unsafe on " +
                       kind.name +
                       "): set spool.path to a local directory such as /var/lib/cibatch or "
                       "$XDG_STATE_HOME/cibatch");
}

void refuse_unwritable_spool_directory(const std::string& dir) {
  // An append-only directory (chattr +a) still lets SQLite create its files.
  const char* what = unmodifiable_attribute(dir.c_str());
  if (what != nullptr && std::strncmp(what, "immutable", 9) == 0) {
    throw SpoolError(SpoolError::Kind::read_only,
                     "spool directory " + dir + " is " + what +
                         ": SQLite cannot create the spool or its -wal and -shm files in it; run "
                         "chattr -i on it, or set spool.path to a file in another directory");
  }
  struct statvfs info {};
  if (::statvfs(dir.c_str(), &info) == 0 && (info.f_flag & ST_RDONLY) != 0) {
    throw SpoolError(SpoolError::Kind::read_only,
                     "spool directory " + dir +
                         " is on a read-only filesystem: SQLite cannot write the spool or its "
                         "-wal and -shm files there; mount it read-write, or set spool.path to "
                         "a file on a writable disk");
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
    const char* what = unmodifiable_attribute(path.c_str());
    if (what == nullptr) continue;
    throw SpoolError(SpoolError::Kind::read_only,
                     "spool " + path + " is " + what +
                         ": SQLite cannot write the spool through it (and writing the shared "
                         "memory it maps from the -shm file would end the process); this "
                         "process no longer uses the spool: run chattr -i/-a on it, or set "
                         "spool.path to another file");
  }
}

std::optional<SpoolFileId> spool_file_id(const std::string& file) noexcept {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) return std::nullopt;
  return SpoolFileId{info.st_dev, info.st_ino};
}

SpoolError replaced_spool_error(const std::string& file) {
  return SpoolError(SpoolError::Kind::io,
                    "spool " + file +
                        " was removed or replaced by another file while this client used it: "
                        "new posts are refused, since they would be kept only in the file it "
                        "still holds open and lost when it closes (what it accepted before is "
                        "still delivered); see what is there now with `cibatch spool check "
                        "--path " +
                        file + "`, then open a new client");
}

void create_spool_file(const std::string& file, const std::string& group) {
  try {
    create_database_file(file, file_sharing("spool.group", group, file));
  } catch (const DirectoryError& error) {
    throw spool_files_error(error);
  }
}

void secure_spool_file(const std::string& file, const std::string& group) {
  try {
    secure_database_files(file, file_sharing("spool.group", group, file));
  } catch (const DirectoryError& error) {
    throw spool_files_error(error);
  }
}

}  // namespace cib
