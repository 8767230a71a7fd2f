#include "config/token_file.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <optional>
#include <system_error>

#include "config/value_check.h"
#include "runtime/secret_text.h"

namespace cib {
namespace {

// Closes a descriptor at the end of the scope.
class OpenFile {
 public:
  explicit OpenFile(int fd) : fd_(fd) {}
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

std::optional<std::string> real_path(const std::string& path) {
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) return std::nullopt;
  return std::string(resolved);
}

// The real path of what fd has open, so a symlink swapped after the check changes nothing.
std::optional<std::string> real_path_of(int fd) {
  char target[PATH_MAX];
  const std::string link = "/proc/self/fd/" + std::to_string(fd);
  const ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
  if (n <= 0) return std::nullopt;
  return std::string(target, static_cast<std::size_t>(n));
}

bool under_any(const std::string& real, const std::vector<std::string>& dirs) {
  return std::any_of(dirs.begin(), dirs.end(),
                     [&](const std::string& dir) { return path_is_under(real, dir); });
}

std::string outside(const std::vector<std::string>& dirs) {
  return "is outside the folders host.auth.token_dirs allows (" + join_list(dirs) + ")";
}

TokenFileRead failed(std::string problem) {
  return {{}, std::move(problem)};
}

TokenFileRead read_open_file(int fd, const struct stat& st) {
  if (!S_ISREG(st.st_mode)) return failed("is not a regular file");
  if (static_cast<std::size_t>(st.st_size) > kTokenFileMaxBytes) {
    return failed("is larger than " + std::to_string(kTokenFileMaxBytes / 1024) + " KiB");
  }
  // One buffer read into with read(2), never grown, wiped before it is freed: no stream or
  // stdio buffer keeps a copy of the token.
  WipedStrings buffer;
  std::string& text = buffer.items.emplace_back(kTokenFileMaxBytes + 1, '\0');
  std::size_t have = 0;
  while (have < text.size()) {
    const ssize_t n = ::read(fd, text.data() + have, text.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return failed(std::generic_category().message(errno));
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  if (have > kTokenFileMaxBytes) {
    return failed("is larger than " + std::to_string(kTokenFileMaxBytes / 1024) + " KiB");
  }
  text.resize(have);
  return {trim_blanks(text), {}};
}

}  // namespace

bool path_is_under(const std::string& real, const std::string& dir) {
  std::string base = real_path(dir).value_or(dir);
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  if (base == "/") return !real.empty() && real.front() == '/';
  return real == base || (real.size() > base.size() && real.compare(0, base.size(), base) == 0 &&
                          real[base.size()] == '/');
}

TokenFileRead read_token_file(const std::string& path,
                              const std::vector<std::string>& allowed_dirs) {
  if (!allowed_dirs.empty()) {
    const auto real = real_path(path);
    if (!real) return failed(std::generic_category().message(errno));
    if (!under_any(*real, allowed_dirs)) return failed(outside(allowed_dirs));
  }
  // O_NONBLOCK: opening a FIFO no writer holds would otherwise wait for one forever.
  const OpenFile file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (file.fd() < 0) return failed(std::generic_category().message(errno));
  struct stat st {};
  if (::fstat(file.fd(), &st) != 0) return failed(std::generic_category().message(errno));
  if (!allowed_dirs.empty()) {
    const auto opened = real_path_of(file.fd());
    if (!opened || !under_any(*opened, allowed_dirs)) return failed(outside(allowed_dirs));
  }
  return read_open_file(file.fd(), st);
}

}  // namespace cib
