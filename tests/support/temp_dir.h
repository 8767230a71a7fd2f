// A fresh directory under $TMPDIR (or /tmp), removed with its contents when the object dies,
// also when a test fails.
#pragma once

#include <string>

namespace cib::test {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "cibatch-test");
  ~TempDir();

  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

  // path() + "/" + name
  std::string file(const std::string& name) const;

 private:
  std::string path_;
};

}  // namespace cib::test
