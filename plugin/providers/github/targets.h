// Where GitHub keeps each object: request targets relative to the API URL
// (https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server).
#pragma once

#include <cstdint>
#include <string>

namespace cib::github {

// `repo` is "owner/name" (letters, digits, '-', and '_' and '.' in the name, never "." or
// ".."), `commit` 7 to 64 hex digits, a pull request a positive number, comment and check run
// ids the host's numbers. Throws std::invalid_argument for anything else, before anything is
// sent.
std::string status_target(const std::string& repo, const std::string& commit);
std::string issue_comments_target(const std::string& repo, std::int64_t pr);
std::string issue_comment_target(const std::string& repo, const std::string& comment_id);
std::string check_runs_target(const std::string& repo);
std::string check_run_target(const std::string& repo, const std::string& check_run_id);
std::string commit_pulls_target(const std::string& repo, const std::string& commit);

}  // namespace cib::github
