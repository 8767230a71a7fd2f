#include "runtime/directory_setup.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace cib {
namespace {

constexpr mode_t kParentMode = 0755;

[[noreturn]] void fail(const std::string& path, const std::string& what, int error) {
  throw DirectoryError(DirectoryError::Kind::failed,
                       path + ": " + what + " (" + std::strerror(error) + ")");
}

void refuse_unsafe(const std::string& dir, const struct stat& info) {
  if ((info.st_mode & S_IWOTH) == 0 || (info.st_mode & S_ISVTX) != 0) return;
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
  throw DirectoryError(DirectoryError::Kind::unsafe,
                       dir +
                           ": the directory is writable by every user and has no sticky bit "
                           "(mode " +
                           mode +
                           "), so anyone could replace the files in it; it is left as it is: "
                           "choose a directory only its users may write to, or set its sticky "
                           "bit (chmod +t)");
}

// True when this call created `dir`; `mode` and `gid` are given to it then. An existing one is
// checked, never changed.
bool make_directory(const std::string& dir, mode_t mode, std::optional<gid_t> gid,
                    bool check_existing) {
  struct stat info {};
  if (::stat(dir.c_str(), &info) == 0) {
    if (!S_ISDIR(info.st_mode)) fail(dir, "is not a directory", ENOTDIR);
    if (check_existing) refuse_unsafe(dir, info);
    return false;
  }
  int error = errno;
  if (error != ENOENT) fail(dir, "cannot read the directory", error);
  // 0700 until its group and mode are set: nobody else gets in before that.
  if (::mkdir(dir.c_str(), 0700) != 0) {
    error = errno;
    if (error != EEXIST) fail(dir, "cannot create the directory", error);
    return make_directory(dir, mode, gid, check_existing);  // another process made it first
  }
  if (gid && ::chown(dir.c_str(), static_cast<uid_t>(-1), *gid) != 0) {
    error = errno;
    fail(dir, "cannot give the directory it created to its group", error);
  }
  if (::chmod(dir.c_str(), mode) != 0) {
    error = errno;
    fail(dir, "cannot set the permissions of the directory it created", error);
  }
  return true;
}

}  // namespace

bool prepare_directory(const std::string& dir, mode_t mode, std::optional<gid_t> gid) {
  if (dir.empty()) fail("\"\"", "names no directory", ENOENT);
  for (std::size_t slash = dir.find('/', 1); slash != std::string::npos;
       slash = dir.find('/', slash + 1)) {
    if (slash + 1 < dir.size() && dir[slash - 1] != '/') {
      make_directory(dir.substr(0, slash), kParentMode, std::nullopt, false);
    }
  }
  return make_directory(dir, mode, gid, true);
}

void refuse_non_regular_file(const std::string& path, const std::string& what) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    const int error = errno;
    if (error == ENOENT) return;
    fail(path, "cannot read " + what, error);
  }
  if (S_ISREG(info.st_mode)) return;
  const char* kind = S_ISDIR(info.st_mode)    ? "a directory"
                     : S_ISCHR(info.st_mode)  ? "a character device"
                     : S_ISBLK(info.st_mode)  ? "a block device"
                     : S_ISFIFO(info.st_mode) ? "a FIFO"
                     : S_ISSOCK(info.st_mode) ? "a socket"
                                              : "not a regular file";
  throw DirectoryError(
      DirectoryError::Kind::failed,
      path + " is " + kind + ", not a regular file for " + what + "; it is left untouched");
}

}  // namespace cib
