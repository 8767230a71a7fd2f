#include "router.h"

#include <Poco/URI.h>

#include <algorithm>
#include <vector>

namespace cib::sim {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string::size_type start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

std::string decode(const std::string& segment, bool plus_as_space) {
  std::string decoded;
  Poco::URI::decode(segment, decoded, plus_as_space);
  return decoded;
}

std::vector<std::pair<std::string, std::string>> parse_query_list(const std::string& query) {
  std::vector<std::pair<std::string, std::string>> params;
  if (query.empty()) return params;
  for (const auto& pair : split(query, '&')) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos) {
      params.emplace_back(decode(pair, true), "");
    } else {
      params.emplace_back(decode(pair.substr(0, eq), true), decode(pair.substr(eq + 1), true));
    }
  }
  return params;
}

std::map<std::string, std::string> parse_query(const std::string& query) {
  std::map<std::string, std::string> params;
  for (auto& [name, value] : parse_query_list(query)) params[name] = value;
  return params;
}

namespace {

// segments after "/2.0/repositories/{ws}/{repo}/commit/{commit}/"
Endpoint commit_endpoint(const std::vector<std::string>& rest, Route& route) {
  const auto n = rest.size();
  if (n >= 1 && rest[0] == "statuses") {
    if (n == 1) return Endpoint::kStatusList;
    if (rest[1] != "build") return Endpoint::kUnknown;
    if (n == 2) return Endpoint::kStatusCreate;
    if (n == 3) {
      route.item = decode(rest[2]);
      return Endpoint::kStatusItem;
    }
    return Endpoint::kUnknown;
  }
  if (n >= 1 && rest[0] == "reports") {
    if (n == 1) return Endpoint::kReportList;
    route.item = decode(rest[1]);
    if (n == 2) return Endpoint::kReportItem;
    if (rest[2] != "annotations") return Endpoint::kUnknown;
    if (n == 3) return Endpoint::kAnnotationList;
    if (n == 4) {
      route.sub_item = decode(rest[3]);
      return Endpoint::kAnnotationItem;
    }
  }
  return Endpoint::kUnknown;
}

// segments after "/2.0/repositories/{ws}/{repo}/pullrequests/{id}/"
Endpoint pull_request_endpoint(const std::vector<std::string>& rest, Route& route) {
  if (rest.empty()) return Endpoint::kPullRequestItem;
  if (rest[0] != "comments") return Endpoint::kUnknown;
  if (rest.size() == 1) return Endpoint::kCommentList;
  if (rest.size() == 2) {
    route.item = decode(rest[1]);
    return Endpoint::kCommentItem;
  }
  return Endpoint::kUnknown;
}

// "/2.0/repositories/ws" has 4 segments, ".../ws/repo/kind/id" 7.
constexpr std::size_t kWorkspaceSegments = 4;
constexpr std::size_t kItemSegments = 7;

// "/2.0/repositories/ws/repo" or ".../ws/repo/pullrequests" (5 or 6 segments).
Endpoint repository_endpoint(const std::vector<std::string>& segments) {
  if (segments.size() == kWorkspaceSegments + 1) return Endpoint::kRepository;
  return segments[5] == "pullrequests" ? Endpoint::kPullRequestList : Endpoint::kUnknown;
}

}  // namespace

Route route_request(const std::string& raw_target) {
  Route route;
  const auto question = raw_target.find('?');
  route.raw_path = raw_target.substr(0, question);
  if (question != std::string::npos) {
    route.query_list = parse_query_list(raw_target.substr(question + 1));
    for (const auto& [name, value] : route.query_list) route.query[name] = value;
  }

  // "/2.0/repositories/ws/repo/kind/id/rest..." -> ["", "2.0", "repositories", ...]
  auto segments = split(route.raw_path, '/');
  if (segments.size() < kWorkspaceSegments || !segments[0].empty() ||
      "/" + segments[1] != kApiBasePath || segments[2] != "repositories") {
    return route;
  }
  for (std::size_t i = kWorkspaceSegments - 1; i < std::min(segments.size(), kItemSegments); ++i) {
    if (segments[i].empty()) return route;
  }
  route.workspace = decode(segments[3]);
  if (segments.size() == kWorkspaceSegments) {
    route.endpoint = Endpoint::kRepositoryList;
    return route;
  }
  route.repo = route.workspace + "/" + decode(segments[4]);
  if (segments.size() < kItemSegments) {
    route.endpoint = repository_endpoint(segments);
    return route;
  }
  const std::vector<std::string> rest(segments.begin() + 7, segments.end());
  if (segments[5] == "commit") {
    route.commit = decode(segments[6]);
    route.endpoint = commit_endpoint(rest, route);
  } else if (segments[5] == "pullrequests") {
    route.pull_request = decode(segments[6]);
    route.endpoint = pull_request_endpoint(rest, route);
  }
  return route;
}

std::string spec_path_of(Endpoint endpoint) {
  const std::string commit = "/repositories/{workspace}/{repo_slug}/commit/{commit}";
  const std::string pr = "/repositories/{workspace}/{repo_slug}/pullrequests/{pull_request_id}";
  switch (endpoint) {
    case Endpoint::kStatusList:
      return commit + "/statuses";
    case Endpoint::kStatusCreate:
      return commit + "/statuses/build";
    case Endpoint::kStatusItem:
      return commit + "/statuses/build/{key}";
    case Endpoint::kCommentList:
      return pr + "/comments";
    case Endpoint::kCommentItem:
      return pr + "/comments/{comment_id}";
    case Endpoint::kReportList:
      return commit + "/reports";
    case Endpoint::kReportItem:
      return commit + "/reports/{reportId}";
    case Endpoint::kAnnotationList:
      return commit + "/reports/{reportId}/annotations";
    case Endpoint::kAnnotationItem:
      return commit + "/reports/{reportId}/annotations/{annotationId}";
    case Endpoint::kRepositoryList:
      return "/repositories/{workspace}";
    case Endpoint::kRepository:
      return "/repositories/{workspace}/{repo_slug}";
    case Endpoint::kPullRequestList:
      return "/repositories/{workspace}/{repo_slug}/pullrequests";
    case Endpoint::kPullRequestItem:
      return pr;
    case Endpoint::kUnknown:
      break;
  }
  return "";
}

}  // namespace cib::sim
