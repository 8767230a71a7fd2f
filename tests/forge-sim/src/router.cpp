#include "router.h"

#include <Poco/URI.h>

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

std::map<std::string, std::string> parse_query(const std::string& query) {
  std::map<std::string, std::string> params;
  if (query.empty()) return params;
  for (const auto& pair : split(query, '&')) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos) {
      params[decode(pair, true)] = "";
    } else {
      params[decode(pair.substr(0, eq), true)] = decode(pair.substr(eq + 1), true);
    }
  }
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
  if (rest.empty() || rest[0] != "comments") return Endpoint::kUnknown;
  if (rest.size() == 1) return Endpoint::kCommentList;
  if (rest.size() == 2) {
    route.item = decode(rest[1]);
    return Endpoint::kCommentItem;
  }
  return Endpoint::kUnknown;
}

}  // namespace

Route route_request(const std::string& raw_target) {
  Route route;
  const auto question = raw_target.find('?');
  route.raw_path = raw_target.substr(0, question);
  if (question != std::string::npos) route.query = parse_query(raw_target.substr(question + 1));

  // "/2.0/repositories/ws/repo/kind/id/rest..." -> ["", "2.0", "repositories", ...]
  auto segments = split(route.raw_path, '/');
  if (segments.size() < 8 || !segments[0].empty() || "/" + segments[1] != kApiBasePath ||
      segments[2] != "repositories") {
    return route;
  }
  for (std::size_t i = 3; i < 7; ++i) {
    if (segments[i].empty()) return route;
  }
  route.repo = decode(segments[3]) + "/" + decode(segments[4]);
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
    case Endpoint::kUnknown:
      break;
  }
  return "";
}

}  // namespace cib::sim
