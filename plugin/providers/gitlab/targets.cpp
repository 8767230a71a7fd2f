#include "providers/gitlab/targets.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "providers/commit_segment.h"
#include "transport/url.h"

namespace cib::gitlab {

namespace {

bool is_path_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

bool is_digits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

bool is_path_segment(const std::string& part) {
  return !part.empty() && part.find_first_not_of('.') != std::string::npos &&
         std::all_of(part.begin(), part.end(), is_path_char);
}

bool is_project_path(const std::string& repo) {
  std::istringstream parts(repo);
  std::string part;
  int count = 0;
  while (std::getline(parts, part, '/')) {
    if (!is_path_segment(part)) return false;
    ++count;
  }
  return count >= 2 && repo.back() != '/';
}

std::string merge_request_prefix(const std::string& repo, std::int64_t merge_request) {
  if (merge_request <= 0) {
    throw std::invalid_argument("merge request " + std::to_string(merge_request) +
                                " is not a merge request number");
  }
  return "/projects/" + project_segment(repo) + "/merge_requests/" + std::to_string(merge_request);
}

}  // namespace

std::string project_segment(const std::string& repo) {
  if (!is_digits(repo) && !is_project_path(repo)) {
    throw std::invalid_argument("repo \"" + repo +
                                "\" is not a GitLab project path of the form group/project "
                                "(letters, digits, '-', '_', '.'; subgroups allowed) or a "
                                "project id");
  }
  return encode_path_segment(repo);
}

std::string status_target(const std::string& repo, const std::string& commit) {
  return "/projects/" + project_segment(repo) + "/statuses/" + commit_segment(commit);
}

std::string notes_target(const std::string& repo, std::int64_t merge_request) {
  return merge_request_prefix(repo, merge_request) + "/notes";
}

std::string note_target(const std::string& repo, std::int64_t merge_request,
                        const std::string& note_id) {
  if (!is_digits(note_id)) {
    throw std::invalid_argument("note id \"" + note_id + "\" is not a number");
  }
  return notes_target(repo, merge_request) + '/' + note_id;
}

std::string commit_merge_requests_target(const std::string& repo, const std::string& commit) {
  return "/projects/" + project_segment(repo) + "/repository/commits/" + commit_segment(commit) +
         "/merge_requests";
}

}  // namespace cib::gitlab
