#include "providers/bitbucket_cloud/targets.h"

#include <algorithm>
#include <stdexcept>

#include "transport/url.h"

namespace cib::bitbucket_cloud {

namespace {

constexpr std::size_t kMinCommitDigits = 7;   // Bitbucket's shortest commit hash
constexpr std::size_t kMaxCommitDigits = 40;  // a whole SHA-1

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// "{UUID}": how the host also names workspaces and repositories.
bool is_braced_uuid(const std::string& part) {
  if (part.size() < 3 || part.front() != '{' || part.back() != '}') return false;
  for (std::size_t i = 1; i + 1 < part.size(); ++i) {
    if (!is_hex(part[i]) && part[i] != '-') return false;
  }
  return true;
}

// A workspace id: letters, digits, '-' and '_'. A repository slug may hold '.' too, though
// never be only dots.
bool is_name(const std::string& part, bool dots_allowed) {
  if (part.empty() || part.find_first_not_of('.') == std::string::npos) return false;
  for (const char c : part) {
    if (!is_alnum(c) && c != '-' && c != '_' && !(dots_allowed && c == '.')) return false;
  }
  return true;
}

std::string repository_prefix(const std::string& repo) {
  const auto slash = repo.find('/');
  const std::string workspace = repo.substr(0, slash);
  const std::string slug = slash == std::string::npos ? "" : repo.substr(slash + 1);
  if (!(is_name(workspace, false) || is_braced_uuid(workspace)) ||
      !(is_name(slug, true) || is_braced_uuid(slug))) {
    throw std::invalid_argument(
        "repo \"" + repo +
        "\" is not of the form workspace/slug (letters, digits, '-', '_', and '.' in the slug; "
        "or {UUID})");
  }
  return "/repositories/" + encode_path_segment(workspace) + '/' + encode_path_segment(slug);
}

std::string commit_prefix(const std::string& repo, const std::string& commit) {
  const bool hex = commit.size() >= kMinCommitDigits && commit.size() <= kMaxCommitDigits &&
                   std::all_of(commit.begin(), commit.end(), is_hex);
  if (!hex) {
    throw std::invalid_argument("commit \"" + commit +
                                "\" is not a commit hash (7 to 40 hexadecimal digits)");
  }
  return repository_prefix(repo) + "/commit/" + commit;
}

// An id of the caller's, percent-encoded into one segment. "." and ".." stay what they are, and
// a proxy that normalises the path would remove them: refused.
std::string id_segment(const char* what, const std::string& id) {
  if (id == "." || id == "..") {
    throw std::invalid_argument(std::string(what) + " must not be \".\" or \"..\"");
  }
  return encode_path_segment(id);
}

}  // namespace

std::string status_target(const std::string& repo, const std::string& commit) {
  return commit_prefix(repo, commit) + "/statuses/build";
}

std::string comments_target(const std::string& repo, std::int64_t pr) {
  return repository_prefix(repo) + "/pullrequests/" + std::to_string(pr) + "/comments";
}

std::string comment_target(const std::string& repo, std::int64_t pr, const std::string& id) {
  // The host's own comment ids are numbers.
  if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos) {
    throw std::invalid_argument("comment id \"" + id + "\" is not a number");
  }
  return comments_target(repo, pr) + '/' + id;
}

std::string report_target(const std::string& repo, const std::string& commit,
                          const std::string& report_id) {
  return commit_prefix(repo, commit) + "/reports/" + id_segment("report id", report_id);
}

std::string annotations_target(const std::string& repo, const std::string& commit,
                               const std::string& report_id) {
  return report_target(repo, commit, report_id) + "/annotations";
}

std::string annotation_target(const std::string& repo, const std::string& commit,
                              const std::string& report_id, const std::string& external_id) {
  return annotations_target(repo, commit, report_id) + '/' +
         id_segment("annotation id", external_id);
}

}  // namespace cib::bitbucket_cloud
