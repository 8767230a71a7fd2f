// Maps a raw request target under /api/v4 to a GitLab endpoint.
//
// As in router.h, the target is split into segments before percent-decoding: the project id
// is ONE segment, a numeric id or the URL-encoded path ("acme%2Fweb"). A path sent with a
// literal slash ("/projects/acme/web/...") matches no endpoint, as on the real host.
#pragma once

#include <map>
#include <string>

namespace cib::sim {

enum class GitlabEndpoint {
  kUnknown,         // under /api/v4 but no such route: 404 Not Found
  kProjectUnknown,  // /projects/{id}/... with an id that is not a project: 404 Project Not Found
  kStatusCreate,    // POST /projects/{id}/statuses/{sha}
  kStatusList,      // GET  /projects/{id}/repository/commits/{sha}/statuses
  kCommitMergeRequests,  // GET /projects/{id}/repository/commits/{sha}/merge_requests
  kNoteList,             // /projects/{id}/merge_requests/{iid}/notes
  kNoteItem,             // /projects/{id}/merge_requests/{iid}/notes/{note_id}
};

struct GitlabRoute {
  GitlabEndpoint endpoint = GitlabEndpoint::kUnknown;
  std::string project;                       // the id segment, decoded ("acme/web" or "17")
  std::string sha;                           // decoded
  std::string merge_request;                 // iid, decoded
  std::string note;                          // note id, decoded
  std::string raw_path;                      // path part of the target, still encoded
  std::map<std::string, std::string> query;  // decoded
};

inline constexpr const char* kGitlabBasePath = "/api/v4";

// True for targets under /api/v4/ (GitLab's; every other /api/ target is SonarQube's).
bool is_gitlab_target(const std::string& raw_target);

// Throws Poco::SyntaxException on a malformed escape; the caller answers 400.
GitlabRoute route_gitlab_request(const std::string& raw_target);

// The spec's path template of an endpoint (with the /api/v4 base), e.g.
// "/api/v4/projects/{id}/statuses/{sha}"; empty for the unknown ones.
std::string gitlab_spec_path_of(GitlabEndpoint endpoint);

}  // namespace cib::sim
