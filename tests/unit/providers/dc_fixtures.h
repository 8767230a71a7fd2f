// Building blocks of the Bitbucket Data Center provider tests: the provider, its paths for the
// fixture slots (provider_fixtures.h) and the check of every request against bitbucket-dc.json.
#pragma once

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>

#include "provider_fixtures.h"
#include "scripted_sender.h"
#include "spec_check.h"

namespace cib::test {

inline std::unique_ptr<Provider> data_center(CommentsMode mode = CommentsMode::upsert) {
  return provider_for(HostKind::bitbucket_dc, "https://bb.corp.example", mode);
}

constexpr const char* kDcBuilds = "/rest/api/latest/projects/acme/repos/web/commits/abc0123/builds";
constexpr const char* kDcLegacyBuilds = "/rest/build-status/1.0/commits/abc0123";
constexpr const char* kDcComments =
    "/rest/api/latest/projects/acme/repos/web/pull-requests/42/comments";
constexpr const char* kDcActivities =
    "/rest/api/latest/projects/acme/repos/web/pull-requests/42/activities";
constexpr const char* kDcReport =
    "/rest/insights/latest/projects/acme/repos/web/commits/abc0123/reports/sonar";

inline std::string dc_annotations() {
  return std::string(kDcReport) + "/annotations";
}

// A sender that checks every request as it is sent: it names a documented operation of
// bitbucket-dc.json and its body fits the operation's schema.
inline ScriptedSender dc_sender() {
  ScriptedSender sender;
  sender.inspect =
      [spec = std::make_shared<SpecCheck>(data_center_spec())](const HttpRequest& request) {
        const std::vector<std::string> problems = spec->problems(request);
        BOOST_TEST(problems.empty(), request.method << ' ' << request.target << ": "
                                                    << (problems.empty() ? "" : problems.front()));
      };
  return sender;
}

}  // namespace cib::test
