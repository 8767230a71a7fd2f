// Which thread (merge request, pull request) a commit's report goes on, as a host answered it:
// asked once per commit and kept, so a report re-posted on the same commit asks nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace cib {

// (repo, commit) -> thread number, bounded (`max_commits`; beyond it everything is forgotten
// and asked again). Only found threads are kept: a commit without one may gain one later.
// Thread-safe.
class CommitThreadCache {
 public:
  explicit CommitThreadCache(std::size_t max_commits = 1000) : max_commits_(max_commits) {}
  std::optional<std::int64_t> find(const std::string& repo, const std::string& commit);
  void store(const std::string& repo, const std::string& commit, std::int64_t thread);

 private:
  const std::size_t max_commits_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::int64_t> entries_;
};

}  // namespace cib
