#include "file_modes.h"

#include <fcntl.h>
#include <grp.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>

namespace cib::test {

mode_t mode_of(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw std::runtime_error("cannot stat " + path);
  return info.st_mode & 07777;
}

gid_t group_of(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw std::runtime_error("cannot stat " + path);
  return info.st_gid;
}

std::optional<std::string> own_group() {
  const struct group* entry = ::getgrgid(::getegid());
  if (entry == nullptr || entry->gr_name == nullptr) return std::nullopt;
  return std::string(entry->gr_name);
}

ImmutableFile::ImmutableFile(const std::string& path) : path_(path) {
  made_ = set(true);
}

ImmutableFile::~ImmutableFile() {
  if (made_) set(false);
}

bool ImmutableFile::set(bool on) {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  int flags = 0;
  bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
  flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
  ok = ok && ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
  ::close(fd);
  return ok;
}

}  // namespace cib::test
