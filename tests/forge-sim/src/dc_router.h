// Maps a raw request target under /rest to a Bitbucket Data Center endpoint.
//
// As in router.h, the target is split into segments before percent-decoding. A repository is
// `PROJECTKEY/slug` (two segments of the path, joined). The query keeps every value of a
// repeated parameter, for DC's `?externalId=a&externalId=b`.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace cib::sim {

enum class DcEndpoint {
  kUnknown,
  kBuilds,          // /api/latest/projects/{key}/repos/{slug}/commits/{sha}/builds
  kLegacyBuilds,    // /build-status/1.0/commits/{sha} (also /build-status/latest/...)
  kCommentList,     // .../pull-requests/{pr}/comments
  kCommentItem,     // .../pull-requests/{pr}/comments/{id}
  kActivities,      // .../pull-requests/{pr}/activities
  kReportItem,      // /insights/latest/projects/{key}/repos/{slug}/commits/{sha}/reports/{id}
  kAnnotationList,  // .../reports/{id}/annotations
};

struct DcRoute {
  DcEndpoint endpoint = DcEndpoint::kUnknown;
  std::string repo;                                       // "PROJECTKEY/slug", decoded
  std::string sha;                                        // decoded
  std::string pull_request;                               // decoded
  std::string item;                                       // comment id or report key, decoded
  std::string raw_path;                                   // path part of the target, still encoded
  std::map<std::string, std::vector<std::string>> query;  // decoded, every value kept

  // The first value of a query parameter, or `fallback`.
  std::string param(const std::string& name, const std::string& fallback = "") const;
};

inline constexpr const char* kDcBasePath = "/rest";

// Throws Poco::SyntaxException on a malformed escape; the caller answers 400.
DcRoute route_dc_request(const std::string& raw_target);

// The description's path template of an endpoint (relative to /rest, as the description's
// keys are), e.g. "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/
// {commitId}/builds"; empty for an unknown one.
std::string dc_spec_path_of(DcEndpoint endpoint);

}  // namespace cib::sim
