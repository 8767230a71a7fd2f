#include "providers/commit_thread_cache.h"

namespace cib {

std::optional<std::int64_t> CommitThreadCache::find(const std::string& repo,
                                                    const std::string& commit) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = entries_.find({repo, commit});
  if (found == entries_.end()) return std::nullopt;
  return found->second;
}

void CommitThreadCache::store(const std::string& repo, const std::string& commit,
                              std::int64_t thread) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.size() >= max_commits_) entries_.clear();
  entries_[{repo, commit}] = thread;
}

}  // namespace cib
