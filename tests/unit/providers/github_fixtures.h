// Building blocks of the GitHub provider tests: providers with a personal token or an App's
// credential, GitHub's answers, and the check of every body against github.json.
#pragma once

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>

#include "provider_fixtures.h"
#include "scripted_sender.h"
#include "spec_check.h"

namespace cib::test {

inline const char* github_api_url() {
  return "https://api.github.com";
}

// A provider whose reports are check runs (`app`) or pull request comments.
inline std::unique_ptr<Provider> github(bool app = false,
                                        CommentsMode mode = CommentsMode::upsert) {
  Settings settings;
  settings.host_kind = HostKind::github;
  settings.api_url = github_api_url();
  settings.auth_type = app ? AuthType::github_app : AuthType::bearer;
  settings.comments_mode = mode;
  return make_provider(settings);
}

// The one operation cibatch calls that github.json does not describe (the simulator's copy
// adds it): a commit's pull requests.
inline bool undescribed(const HttpRequest& request) {
  const std::string path = request.target.substr(0, request.target.find('?'));
  return request.method == "GET" && path.size() > 6 && path.substr(path.size() - 6) == "/pulls";
}

// Every request names an operation of github.json and its body fits the operation's schema.
inline void expect_github_valid(const ScriptedSender& sender) {
  const SpecCheck spec("github.json");
  for (const HttpRequest& request : sender.requests) {
    if (undescribed(request)) continue;
    const auto problems = spec.problems(request);
    BOOST_TEST(problems.empty(), request.method << ' ' << request.target << ": "
                                                << (problems.empty() ? "" : problems.front()));
  }
}

// The value of `request`'s header `name`; "" when absent.
inline std::string header_of(const HttpRequest& request, const std::string& name) {
  for (const auto& header : request.headers) {
    if (header.first == name) return header.second;
  }
  return "";
}

}  // namespace cib::test
