// Which merge request a report goes on. A report slot names a commit, not a merge request, and
// GitLab has no annotations API for outside tools: a report is a note on the newest open merge
// request whose commits include the commit. The answer is asked once per commit and kept.
#pragma once

#include <cstdint>
#include <string>

#include "providers/commit_thread_cache.h"
#include "providers/host_exchange.h"

namespace cib::gitlab {

// Commit -> merge request (providers/commit_thread_cache.h).
using MergeRequestCache = CommitThreadCache;

// The newest (highest iid) open merge request of `commit`, from `cache` or one
// GET .../repository/commits/{sha}/merge_requests. Throws HostError 404 (not retried) when the
// commit has no open merge request: the report has nowhere to be shown.
std::int64_t merge_request_of(const std::string& repo, const std::string& commit,
                              MergeRequestCache& cache, HostExchange& exchange);

}  // namespace cib::gitlab
