#include "gitlab_router.h"

#include <vector>

#include "router.h"

namespace cib::sim {
namespace {

using Segments = std::vector<std::string>;

// segments after "/api/v4/projects/{id}/repository/commits/{sha}/"
GitlabEndpoint commit_endpoint(const Segments& rest) {
  if (rest.size() != 1) return GitlabEndpoint::kUnknown;
  if (rest[0] == "statuses") return GitlabEndpoint::kStatusList;
  if (rest[0] == "merge_requests") return GitlabEndpoint::kCommitMergeRequests;
  return GitlabEndpoint::kUnknown;
}

// segments after "/api/v4/projects/{id}/" (at least one)
GitlabEndpoint project_endpoint(const Segments& rest, GitlabRoute& route) {
  const auto n = rest.size();
  if (rest[0] == "statuses") {
    if (n != 2 || rest[1].empty()) return GitlabEndpoint::kUnknown;
    route.sha = decode(rest[1]);
    return GitlabEndpoint::kStatusCreate;
  }
  if (rest[0] == "repository") {
    if (n < 4 || rest[1] != "commits" || rest[2].empty()) return GitlabEndpoint::kUnknown;
    route.sha = decode(rest[2]);
    return commit_endpoint(Segments(rest.begin() + 3, rest.end()));
  }
  if (rest[0] == "merge_requests") {
    if (n < 3 || rest[1].empty() || rest[2] != "notes") return GitlabEndpoint::kUnknown;
    route.merge_request = decode(rest[1]);
    if (n == 3) return GitlabEndpoint::kNoteList;
    if (n == 4 && !rest[3].empty()) {
      route.note = decode(rest[3]);
      return GitlabEndpoint::kNoteItem;
    }
    return GitlabEndpoint::kUnknown;
  }
  // Not a resource of a project: the id segment was not the whole project (a literal slash).
  return GitlabEndpoint::kProjectUnknown;
}

}  // namespace

bool is_gitlab_target(const std::string& raw_target) {
  const std::string base = std::string(kGitlabBasePath) + "/";
  return raw_target.rfind(base, 0) == 0;
}

GitlabRoute route_gitlab_request(const std::string& raw_target) {
  GitlabRoute route;
  const auto question = raw_target.find('?');
  route.raw_path = raw_target.substr(0, question);
  if (question != std::string::npos) route.query = parse_query(raw_target.substr(question + 1));

  // "/api/v4/projects/ID/rest..." -> ["", "api", "v4", "projects", "ID", ...]
  const auto segments = split(route.raw_path, '/');
  if (segments.size() < 6 || !segments[0].empty() || segments[1] != "api" || segments[2] != "v4" ||
      segments[3] != "projects" || segments[4].empty()) {
    return route;
  }
  route.project = decode(segments[4]);
  route.endpoint = project_endpoint(Segments(segments.begin() + 5, segments.end()), route);
  return route;
}

std::string gitlab_spec_path_of(GitlabEndpoint endpoint) {
  const std::string project = std::string(kGitlabBasePath) + "/projects/{id}";
  const std::string notes = project + "/merge_requests/{merge_request_iid}/notes";
  switch (endpoint) {
    case GitlabEndpoint::kStatusCreate:
      return project + "/statuses/{sha}";
    case GitlabEndpoint::kStatusList:
      return project + "/repository/commits/{sha}/statuses";
    case GitlabEndpoint::kCommitMergeRequests:
      return project + "/repository/commits/{sha}/merge_requests";
    case GitlabEndpoint::kNoteList:
      return notes;
    case GitlabEndpoint::kNoteItem:
      return notes + "/{note_id}";
    case GitlabEndpoint::kUnknown:
    case GitlabEndpoint::kProjectUnknown:
      break;
  }
  return "";
}

}  // namespace cib::sim
