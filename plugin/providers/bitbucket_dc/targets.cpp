#include "providers/bitbucket_dc/targets.h"

#include <algorithm>
#include <stdexcept>

#include "transport/url.h"

namespace cib::bitbucket_dc {

namespace {

constexpr std::size_t kMinCommitDigits = 7;
constexpr std::size_t kMaxCommitDigits = 40;
constexpr const char* kApi = "/rest/api/latest";
constexpr const char* kInsights = "/rest/insights/latest";

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool all_of(const std::string& text, bool (*allowed)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), allowed);
}

// A project key (letters, digits, '_'), or "~user" for a user's personal project.
bool is_project_key(const std::string& key) {
  const std::string name = !key.empty() && key.front() == '~' ? key.substr(1) : key;
  return all_of(name, [](char c) { return is_alnum(c) || c == '_'; });
}

bool is_slug(const std::string& slug) {
  return slug.find_first_not_of('.') != std::string::npos &&
         all_of(slug, [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
}

std::string repository_path(const std::string& repo) {
  const auto slash = repo.find('/');
  const std::string key = repo.substr(0, slash);
  const std::string slug = slash == std::string::npos ? "" : repo.substr(slash + 1);
  if (!is_project_key(key) || !is_slug(slug)) {
    throw std::invalid_argument(
        "repo \"" + repo +
        "\" is not of the form PROJECTKEY/slug (a project key of letters, digits and '_', or "
        "~user; a slug of letters, digits, '-', '_' and '.')");
  }
  return "/projects/" + encode_path_segment(key) + "/repos/" + slug;
}

const std::string& commit_part(const std::string& commit) {
  if (commit.size() < kMinCommitDigits || commit.size() > kMaxCommitDigits ||
      !all_of(commit, is_hex)) {
    throw std::invalid_argument("commit \"" + commit +
                                "\" is not a commit hash (7 to 40 hexadecimal digits)");
  }
  return commit;
}

std::string pull_request_path(const std::string& repo, std::int64_t pr) {
  if (pr <= 0) {
    throw std::invalid_argument("pull request " + std::to_string(pr) +
                                " is not a pull request number");
  }
  return kApi + repository_path(repo) + "/pull-requests/" + std::to_string(pr);
}

}  // namespace

std::string status_target(const std::string& repo, const std::string& commit) {
  return kApi + repository_path(repo) + "/commits/" + commit_part(commit) + "/builds";
}

std::string legacy_status_target(const std::string& commit) {
  return "/rest/build-status/1.0/commits/" + commit_part(commit);
}

std::string comments_target(const std::string& repo, std::int64_t pr) {
  return pull_request_path(repo, pr) + "/comments";
}

std::string comment_target(const std::string& repo, std::int64_t pr, const std::string& id) {
  if (!all_of(id, [](char c) { return c >= '0' && c <= '9'; })) {
    throw std::invalid_argument("comment id \"" + id + "\" is not a number");
  }
  return comments_target(repo, pr) + '/' + id;
}

std::string activities_target(const std::string& repo, std::int64_t pr, std::int64_t start) {
  return pull_request_path(repo, pr) + "/activities?start=" + std::to_string(start) + "&limit=100";
}

std::string report_target(const std::string& repo, const std::string& commit,
                          const std::string& report_id) {
  if (report_id.empty() || report_id == "." || report_id == "..") {
    throw std::invalid_argument("report id must not be empty, \".\" or \"..\"");
  }
  return kInsights + repository_path(repo) + "/commits/" + commit_part(commit) + "/reports/" +
         encode_path_segment(report_id);
}

std::string annotations_target(const std::string& repo, const std::string& commit,
                               const std::string& report_id) {
  return report_target(repo, commit, report_id) + "/annotations";
}

std::string external_id_query(const std::vector<std::string>& external_ids) {
  std::string query;
  for (const std::string& id : external_ids) {
    query += query.empty() ? '?' : '&';
    query += "externalId=" + encode_query_value(id);
  }
  return query;
}

std::size_t external_id_query_bytes(const std::string& external_id) {
  return 1 + std::string("externalId=").size() + encode_query_value(external_id).size();
}

}  // namespace cib::bitbucket_dc
