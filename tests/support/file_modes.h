// File modes and attributes that tests set and read: the permission bits and group of a path, and
// a file made immutable (chattr +i) for as long as an object lives.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace cib::test {

// The permission bits (07777) of `path`; throws std::runtime_error naming it when it cannot be
// read.
mode_t mode_of(const std::string& path);

// The group of `path`; throws std::runtime_error naming it when it cannot be read.
gid_t group_of(const std::string& path);

// The name of this process's primary group, which it may always give its files to; nullopt when
// the group has no name.
std::optional<std::string> own_group();

// Makes a file immutable while it lives, where the filesystem and the process's rights allow
// it; made() says whether it could.
class ImmutableFile {
 public:
  explicit ImmutableFile(const std::string& path);
  ~ImmutableFile();
  ImmutableFile(const ImmutableFile&) = delete;
  ImmutableFile& operator=(const ImmutableFile&) = delete;
  bool made() const { return made_; }

 private:
  bool set(bool on);
  std::string path_;
  bool made_ = false;
};

}  // namespace cib::test
