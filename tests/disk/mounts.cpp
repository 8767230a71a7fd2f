#include "mounts.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

namespace cib::test {

Mount::Mount(std::string target, bool made, std::string why_not)
    : target_(std::move(target)), made_(made), why_not_(std::move(why_not)) {}

Mount::Mount(Mount&& other) noexcept
    : target_(std::move(other.target_)), made_(other.made_), why_not_(std::move(other.why_not_)) {
  other.made_ = false;
}

Mount::~Mount() {
  // Lazy: a file a failed test left open must not keep the mount (and the TempDir) in place.
  if (made_) ::umount2(target_.c_str(), MNT_DETACH);
}

Mount Mount::tmpfs(const std::string& target, std::int64_t bytes) {
  const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
  if (::mount("tmpfs", target.c_str(), "tmpfs", 0, options.c_str()) != 0) {
    return Mount(target, false, "mount -t tmpfs on " + target + ": " + std::strerror(errno));
  }
  return Mount(target, true, "");
}

Mount Mount::read_only_bind(const std::string& source, const std::string& target) {
  if (::mount(source.c_str(), target.c_str(), nullptr, MS_BIND, nullptr) != 0) {
    return Mount(target, false, "mount --bind " + source + ": " + std::strerror(errno));
  }
  Mount bound(target, true, "");
  if (::mount(nullptr, target.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0) {
    return Mount(target, false, "remount,ro " + target + ": " + std::strerror(errno));
  }
  return bound;
}

std::int64_t fill_disk(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return 0;
  const std::vector<char> block(4096, '\0');
  std::int64_t written = 0;
  for (;;) {
    const ssize_t n = ::write(fd, block.data(), block.size());
    if (n <= 0) break;
    written += n;
  }
  ::close(fd);
  return written;
}

}  // namespace cib::test
