// A commit as a path segment of GitLab's and GitHub's targets: a commit hash, nothing else.
#pragma once

#include <string>

namespace cib {

// `commit` when it is 7 to 64 hex digits (64: a SHA-256 repository's hash); throws
// std::invalid_argument otherwise, so no part of a target can become another path.
std::string commit_segment(const std::string& commit);

}  // namespace cib
