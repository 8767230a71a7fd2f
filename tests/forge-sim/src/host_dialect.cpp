#include "host_dialect.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <algorithm>

#include "dc_endpoints.h"
#include "github_endpoints.h"
#include "gitlab_endpoints.h"

namespace cib::sim {
namespace {

const HostDialect kCloudDialect{error_answer, "Authentication required", "Invalid credentials",
                                "Rate limit for this resource has been exceeded"};
const HostDialect kGitlabDialect{gitlab_error, "401 Unauthorized", "401 Unauthorized",
                                 "Retry later"};
const HostDialect kDcDialect{dc_error, "You are not permitted to access this resource",
                             "Authentication failed. Please check your credentials and try again.",
                             "You have been rate limited. Please try again later."};
const HostDialect kGithubDialect{github_error,
                                 "Requires authentication",
                                 "Bad credentials",
                                 "API rate limit exceeded for user ID 1.",
                                 403,
                                 422,
                                 "Invalid request.\n\n"};

}  // namespace

const HostDialect& dialect_of(const SimContext& context) {
  if (plays_bitbucket_dc(context.options)) return kDcDialect;
  if (plays_github(context.options)) return kGithubDialect;
  return plays_gitlab(context.options) ? kGitlabDialect : kCloudDialect;
}

Credentials credentials_of(const SimContext& context, const Poco::Net::HTTPRequest& request) {
  if (plays_gitlab(context.options)) {
    return read_gitlab_credentials(request.get("PRIVATE-TOKEN", ""),
                                   request.get("Authorization", ""));
  }
  return read_credentials(request.get("Authorization", ""));
}

Headers::value_type credential_header(const SimContext& context,
                                      const Poco::Net::HTTPRequest& request) {
  if (plays_gitlab(context.options) && request.has("PRIVATE-TOKEN")) {
    return {"PRIVATE-TOKEN", request.get("PRIVATE-TOKEN")};
  }
  return {"Authorization", request.get("Authorization", "")};
}

void add_dc_rate_headers(const RateDecision& rate, Headers& headers) {
  headers.emplace_back("X-RateLimit-Limit", std::to_string(rate.limit));
  headers.emplace_back("X-RateLimit-Remaining",
                       std::to_string(std::max(0, rate.limit - rate.used)));
}

void add_gitlab_rate_headers(const RateDecision& rate, Headers& headers) {
  const auto reset = Poco::Timestamp().epochTime() + rate.reset_after_s;
  headers.emplace_back("RateLimit-Limit", std::to_string(rate.limit));
  headers.emplace_back("RateLimit-Observed", std::to_string(rate.used));
  headers.emplace_back("RateLimit-Remaining", std::to_string(std::max(0, rate.limit - rate.used)));
  headers.emplace_back("RateLimit-Reset", std::to_string(reset));
  headers.emplace_back("RateLimit-ResetTime",
                       Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(reset),
                                                       Poco::DateTimeFormat::HTTP_FORMAT));
}

}  // namespace cib::sim
