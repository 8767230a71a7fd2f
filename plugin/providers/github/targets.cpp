#include "providers/github/targets.h"

#include <algorithm>
#include <stdexcept>

#include "providers/commit_segment.h"

namespace cib::github {

namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

bool is_owner_char(char c) {
  return is_name_char(c) && c != '_' && c != '.';
}

bool is_number(const std::string& text) {
  return !text.empty() && text.size() <= 19 &&
         text.find_first_not_of("0123456789") == std::string::npos;
}

std::string repo_prefix(const std::string& repo) {
  const auto slash = repo.find('/');
  const std::string owner = repo.substr(0, slash);
  const std::string name = slash == std::string::npos ? "" : repo.substr(slash + 1);
  const bool valid = !owner.empty() && std::all_of(owner.begin(), owner.end(), is_owner_char) &&
                     !name.empty() && name != "." && name != ".." &&
                     std::all_of(name.begin(), name.end(), is_name_char);
  if (!valid) {
    throw std::invalid_argument("repo \"" + repo +
                                "\" is not a GitHub repository of the form owner/name (letters, "
                                "digits, '-'; and '_', '.' in the name)");
  }
  return "/repos/" + repo;
}

std::string id_part(const char* what, const std::string& id) {
  if (!is_number(id))
    throw std::invalid_argument(std::string(what) + " \"" + id + "\" is not a number");
  return id;
}

}  // namespace

std::string status_target(const std::string& repo, const std::string& commit) {
  return repo_prefix(repo) + "/statuses/" + commit_segment(commit);
}

std::string issue_comments_target(const std::string& repo, std::int64_t pr) {
  if (pr <= 0) {
    throw std::invalid_argument("pull request " + std::to_string(pr) +
                                " is not a pull request number");
  }
  return repo_prefix(repo) + "/issues/" + std::to_string(pr) + "/comments";
}

std::string issue_comment_target(const std::string& repo, const std::string& comment_id) {
  return repo_prefix(repo) + "/issues/comments/" + id_part("comment id", comment_id);
}

std::string check_runs_target(const std::string& repo) {
  return repo_prefix(repo) + "/check-runs";
}

std::string check_run_target(const std::string& repo, const std::string& check_run_id) {
  return check_runs_target(repo) + '/' + id_part("check run id", check_run_id);
}

std::string commit_pulls_target(const std::string& repo, const std::string& commit) {
  return repo_prefix(repo) + "/commits/" + commit_segment(commit) + "/pulls";
}

}  // namespace cib::github
