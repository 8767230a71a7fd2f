#include "dc_router.h"

#include "router.h"

namespace cib::sim {
namespace {

using Segments = std::vector<std::string>;

std::map<std::string, std::vector<std::string>> parse_multi_query(const std::string& query) {
  std::map<std::string, std::vector<std::string>> params;
  if (query.empty()) return params;
  for (const auto& pair : split(query, '&')) {
    const auto eq = pair.find('=');
    const auto name = decode(pair.substr(0, eq), true);
    params[name].push_back(eq == std::string::npos ? "" : decode(pair.substr(eq + 1), true));
  }
  return params;
}

// segments after "projects/{key}/repos/{slug}/" under /api/latest
DcEndpoint api_endpoint(const Segments& rest, DcRoute& route) {
  const auto n = rest.size();
  if (n == 3 && rest[0] == "commits" && !rest[1].empty() && rest[2] == "builds") {
    route.sha = decode(rest[1]);
    return DcEndpoint::kBuilds;
  }
  if (n < 3 || rest[0] != "pull-requests" || rest[1].empty()) return DcEndpoint::kUnknown;
  route.pull_request = decode(rest[1]);
  if (n == 3 && rest[2] == "activities") return DcEndpoint::kActivities;
  if (rest[2] != "comments") return DcEndpoint::kUnknown;
  if (n == 3) return DcEndpoint::kCommentList;
  if (n == 4 && !rest[3].empty()) {
    route.item = decode(rest[3]);
    return DcEndpoint::kCommentItem;
  }
  return DcEndpoint::kUnknown;
}

// segments after "projects/{key}/repos/{slug}/" under /insights/latest
DcEndpoint insights_endpoint(const Segments& rest, DcRoute& route) {
  const auto n = rest.size();
  if (n < 4 || rest[0] != "commits" || rest[1].empty() || rest[2] != "reports" || rest[3].empty()) {
    return DcEndpoint::kUnknown;
  }
  route.sha = decode(rest[1]);
  route.item = decode(rest[3]);
  if (n == 4) return DcEndpoint::kReportItem;
  if (n == 5 && rest[4] == "annotations") return DcEndpoint::kAnnotationList;
  return DcEndpoint::kUnknown;
}

// segments after "/rest/"
DcEndpoint rest_endpoint(const Segments& s, DcRoute& route) {
  if (s.size() == 4 && s[0] == "build-status" && (s[1] == "1.0" || s[1] == "latest") &&
      s[2] == "commits" && !s[3].empty()) {
    route.sha = decode(s[3]);
    return DcEndpoint::kLegacyBuilds;
  }
  const bool api = s.size() > 2 && s[0] == "api" && (s[1] == "latest" || s[1] == "1.0");
  const bool insights = s.size() > 2 && s[0] == "insights" && (s[1] == "latest" || s[1] == "1.0");
  if ((!api && !insights) || s.size() < 7 || s[2] != "projects" || s[3].empty() ||
      s[4] != "repos" || s[5].empty()) {
    return DcEndpoint::kUnknown;
  }
  route.repo = decode(s[3]) + "/" + decode(s[5]);
  const Segments rest(s.begin() + 6, s.end());
  return api ? api_endpoint(rest, route) : insights_endpoint(rest, route);
}

}  // namespace

std::string DcRoute::param(const std::string& name, const std::string& fallback) const {
  const auto found = query.find(name);
  return found == query.end() || found->second.empty() ? fallback : found->second.front();
}

DcRoute route_dc_request(const std::string& raw_target) {
  DcRoute route;
  const auto question = raw_target.find('?');
  route.raw_path = raw_target.substr(0, question);
  if (question != std::string::npos) {
    route.query = parse_multi_query(raw_target.substr(question + 1));
  }
  const std::string base = std::string(kDcBasePath) + "/";
  if (route.raw_path.rfind(base, 0) != 0) return route;
  route.endpoint = rest_endpoint(split(route.raw_path.substr(base.size()), '/'), route);
  return route;
}

std::string dc_spec_path_of(DcEndpoint endpoint) {
  const std::string repo = "/projects/{projectKey}/repos/{repositorySlug}";
  const std::string pr = "/api/latest" + repo + "/pull-requests/{pullRequestId}";
  const std::string report = "/insights/latest" + repo + "/commits/{commitId}/reports/{key}";
  switch (endpoint) {
    case DcEndpoint::kBuilds:
      return "/api/latest" + repo + "/commits/{commitId}/builds";
    case DcEndpoint::kLegacyBuilds:
      return "/build-status/latest/commits/{commitId}";
    case DcEndpoint::kCommentList:
      return pr + "/comments";
    case DcEndpoint::kCommentItem:
      return pr + "/comments/{commentId}";
    case DcEndpoint::kActivities:
      return pr + "/activities";
    case DcEndpoint::kReportItem:
      return report;
    case DcEndpoint::kAnnotationList:
      return report + "/annotations";
    case DcEndpoint::kUnknown:
      break;
  }
  return "";
}

}  // namespace cib::sim
