#include "providers/bitbucket_cloud/targets.h"

#include <stdexcept>

#include "transport/url.h"

namespace cib::bitbucket_cloud {

namespace {

std::string repository_prefix(const std::string& repo) {
  const auto slash = repo.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == repo.size()) {
    throw std::invalid_argument("repo \"" + repo + "\" is not of the form workspace/slug");
  }
  return "/repositories/" + encode_path_segment(repo.substr(0, slash)) + '/' +
         encode_path_segment(repo.substr(slash + 1));
}

std::string commit_prefix(const std::string& repo, const std::string& commit) {
  return repository_prefix(repo) + "/commit/" + encode_path_segment(commit);
}

// What follows scheme://authority in a link, query included. The authority is not compared with
// the API URL's: a host behind a proxy may name itself differently, and the Sender only ever
// talks to the API URL anyway.
std::string path_of_link(const std::string& link) {
  const auto scheme_end = link.find("://");
  if (scheme_end == std::string::npos) return link;
  const auto path_start = link.find_first_of("/?#", scheme_end + 3);
  return path_start == std::string::npos ? std::string("/") : link.substr(path_start);
}

}  // namespace

std::string status_target(const std::string& repo, const std::string& commit) {
  return commit_prefix(repo, commit) + "/statuses/build";
}

std::string comments_target(const std::string& repo, std::int64_t pr) {
  return repository_prefix(repo) + "/pullrequests/" + std::to_string(pr) + "/comments";
}

std::string comment_target(const std::string& repo, std::int64_t pr, const std::string& id) {
  return comments_target(repo, pr) + '/' + encode_path_segment(id);
}

std::string report_target(const std::string& repo, const std::string& commit,
                          const std::string& report_id) {
  return commit_prefix(repo, commit) + "/reports/" + encode_path_segment(report_id);
}

std::string annotations_target(const std::string& repo, const std::string& commit,
                               const std::string& report_id) {
  return report_target(repo, commit, report_id) + "/annotations";
}

std::string annotation_target(const std::string& repo, const std::string& commit,
                              const std::string& report_id, const std::string& external_id) {
  return annotations_target(repo, commit, report_id) + '/' + encode_path_segment(external_id);
}

std::string target_from_link(const std::string& link, const std::string& api_url) {
  const std::string base_path = parse_base_url(api_url).path;
  const std::string path = path_of_link(link);
  const bool inside = path.compare(0, base_path.size(), base_path) == 0 &&
                      (path.size() == base_path.size() || path[base_path.size()] == '/' ||
                       path[base_path.size()] == '?');
  if (!inside) {
    throw std::invalid_argument("the host's next-page link lies outside the API path \"" +
                                base_path + "\"");
  }
  return path.substr(base_path.size());
}

std::string without_query(const std::string& target) {
  return target.substr(0, target.find_first_of("?#"));
}

}  // namespace cib::bitbucket_cloud
