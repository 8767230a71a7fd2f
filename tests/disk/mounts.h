// Filesystems a disk test mounts on its own directories (a small tmpfs, a read-only bind mount)
// and takes away again in the destructor, also when the test fails. Mounting needs root (CI runs
// as root); made() says whether it worked, and why_not() why, so a test can skip with a reason.
#pragma once

#include <cstdint>
#include <string>

namespace cib::test {

class Mount {
 public:
  // A tmpfs of `bytes` on the existing directory `target`.
  static Mount tmpfs(const std::string& target, std::int64_t bytes);
  // `source` seen read-only at the existing directory `target` (a bind mount, remounted ro).
  static Mount read_only_bind(const std::string& source, const std::string& target);

  ~Mount();
  Mount(Mount&& other) noexcept;
  Mount(const Mount&) = delete;
  Mount& operator=(const Mount&) = delete;
  Mount& operator=(Mount&&) = delete;

  bool made() const { return made_; }
  const std::string& why_not() const { return why_not_; }

 private:
  Mount(std::string target, bool made, std::string why_not);
  std::string target_;
  bool made_ = false;
  std::string why_not_;
};

// Appends zeros to `path` until the filesystem holding it has no room left; returns the bytes
// written. Again after SQLite gave room back (a WAL cut back), it takes that room too.
std::int64_t fill_disk(const std::string& path);

}  // namespace cib::test
