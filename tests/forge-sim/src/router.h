// Maps a raw request target to a Bitbucket Cloud endpoint.
//
// The target is split into path segments *before* percent-decoding, so an encoded slash
// (%2F) stays inside its segment, as the real host treats it.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cib::sim {

enum class Endpoint {
  kUnknown,
  kStatusList,      // .../commit/{commit}/statuses
  kStatusCreate,    // .../commit/{commit}/statuses/build
  kStatusItem,      // .../commit/{commit}/statuses/build/{key}
  kCommentList,     // .../pullrequests/{id}/comments
  kCommentItem,     // .../pullrequests/{id}/comments/{comment_id}
  kReportList,      // .../commit/{commit}/reports
  kReportItem,      // .../commit/{commit}/reports/{reportId}
  kAnnotationList,  // .../reports/{reportId}/annotations
  kAnnotationItem,  // .../reports/{reportId}/annotations/{annotationId}
  // The reads polling tools make:
  kRepositoryList,   // /repositories/{workspace}
  kRepository,       // /repositories/{workspace}/{repo_slug}
  kPullRequestList,  // .../pullrequests
  kPullRequestItem,  // .../pullrequests/{id}
};

struct Route {
  Endpoint endpoint = Endpoint::kUnknown;
  std::string workspace;                     // decoded
  std::string repo;                          // "workspace/slug", decoded
  std::string commit;                        // decoded
  std::string item;                          // status key, comment id, report id (decoded)
  std::string sub_item;                      // annotation id (decoded)
  std::string pull_request;                  // decoded
  std::string raw_path;                      // path part of the target, still encoded
  std::map<std::string, std::string> query;  // decoded; the last of a repeated name
  // Every query parameter in order, repeats kept (state=OPEN&state=MERGED).
  std::vector<std::pair<std::string, std::string>> query_list;
};

// The API base path every endpoint lives under.
inline constexpr const char* kApiBasePath = "/2.0";

Route route_request(const std::string& raw_target);

// Shared with the GitLab router.
std::vector<std::string> split(const std::string& text, char separator);
// Throws Poco::SyntaxException on a malformed escape; the caller answers 400.
std::string decode(const std::string& segment, bool plus_as_space = false);
std::map<std::string, std::string> parse_query(const std::string& query);
std::vector<std::pair<std::string, std::string>> parse_query_list(const std::string& query);

// The spec's path template of an endpoint (without the /2.0 base), e.g.
// "/repositories/{workspace}/{repo_slug}/commit/{commit}/statuses/build".
std::string spec_path_of(Endpoint endpoint);

}  // namespace cib::sim
