// What GitHub adds around every answer: the primary rate-limit headers, the secondary limits
// (content-creating requests per minute, concurrent requests) and conditional GETs (ETag,
// If-None-Match -> 304, which GitHub does not count against the primary limit).
#pragma once

#include <string>

#include "answer.h"
#include "host_dialect.h"
#include "rate_limiter.h"

namespace cib::sim {

// x-ratelimit-limit, -remaining, -reset (epoch s), -used and -resource: core.
void add_github_rate_headers(const RateDecision& rate, Headers& headers);

// POST, PATCH, PUT and DELETE create content in GitHub's sense.
bool is_github_write(const std::string& method);

// 403 "You have exceeded a secondary rate limit…" with retry-after.
Answer github_secondary_limit_answer(int retry_after_s);

// Gives a 200 answer to a GET its ETag (a digest of the body); when `if_none_match` names it,
// the answer becomes a 304 without a body and true is returned.
bool apply_github_etag(const std::string& method, const std::string& if_none_match, Answer& answer);

}  // namespace cib::sim
