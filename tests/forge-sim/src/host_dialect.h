// What differs between the hosts the simulator plays in the answers every endpoint shares:
// the error shape and wording, where the credential is, and the rate-limit headers.
#pragma once

#include <Poco/Net/HTTPRequest.h>

#include <string>
#include <utility>
#include <vector>

#include "answer.h"
#include "credentials.h"
#include "rate_limiter.h"
#include "sim_context.h"

namespace cib::sim {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HostDialect {
  Answer (*error)(int status, const std::string& message);
  const char* unauthenticated;  // 401 without a credential
  const char* bad_credentials;  // 401 with one that is not --require-token
  const char* rate_limited;     // 429
  int rate_limited_status = 429;
  int invalid_status = 400;  // a body the API description rejects
  const char* invalid_prefix = "Bad request: ";
};

const HostDialect& dialect_of(const SimContext& context);

// Bitbucket Cloud and DC: Authorization (Bearer or Basic). GitLab: PRIVATE-TOKEN or Bearer.
Credentials credentials_of(const SimContext& context, const Poco::Net::HTTPRequest& request);

// The header that carries the credential, as sent: GitLab's PRIVATE-TOKEN when present, else
// Authorization (possibly empty).
Headers::value_type credential_header(const SimContext& context,
                                      const Poco::Net::HTTPRequest& request);

// Bitbucket Data Center's X-RateLimit-Limit and X-RateLimit-Remaining (what cibatch's budget
// reads from DC; its 429 also carries Retry-After).
void add_dc_rate_headers(const RateDecision& rate, Headers& headers);

// GitLab's RateLimit-Limit, -Observed, -Remaining, -Reset (epoch s) and -ResetTime.
void add_gitlab_rate_headers(const RateDecision& rate, Headers& headers);

}  // namespace cib::sim
