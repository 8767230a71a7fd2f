// Which pull request a report goes on when it is a comment (no App to make check runs, or
// github.reports: comment). A report slot names a commit; the comment goes on the newest open
// pull request whose head includes the commit. The answer is asked once per commit and kept.
#pragma once

#include <cstdint>
#include <string>

#include "providers/commit_thread_cache.h"
#include "providers/github/github_exchange.h"

namespace cib::github {

// The newest (highest number) open pull request of `commit`, from `cache` or one
// GET .../commits/{sha}/pulls. Throws HostError 404 (not retried) when the commit has none:
// the report has nowhere to be shown.
std::int64_t pull_request_of(const std::string& repo, const std::string& commit,
                             CommitThreadCache& cache, GithubExchange& exchange);

}  // namespace cib::github
