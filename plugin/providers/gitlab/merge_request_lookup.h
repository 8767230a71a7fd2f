// Which merge request a report goes on. A report slot names a commit, not a merge request, and
// GitLab has no annotations API for outside tools: a report is a note on the newest open merge
// request whose commits include the commit. The answer is asked once per commit and kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "providers/host_exchange.h"

namespace cib::gitlab {

// Commit -> merge request, bounded (`max_commits`; beyond it everything is forgotten and asked
// again). Only found merge requests are kept: a commit without one may gain one later.
// Thread-safe.
class MergeRequestCache {
 public:
  explicit MergeRequestCache(std::size_t max_commits = 1000) : max_commits_(max_commits) {}
  std::optional<std::int64_t> find(const std::string& repo, const std::string& commit);
  void store(const std::string& repo, const std::string& commit, std::int64_t merge_request);

 private:
  const std::size_t max_commits_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::int64_t> entries_;
};

// The newest (highest iid) open merge request of `commit`, from `cache` or one
// GET .../repository/commits/{sha}/merge_requests. Throws HostError 404 (not retried) when the
// commit has no open merge request: the report has nowhere to be shown.
std::int64_t merge_request_of(const std::string& repo, const std::string& commit,
                              MergeRequestCache& cache, HostExchange& exchange);

}  // namespace cib::gitlab
