#include "github_limits.h"

#include <Poco/Timestamp.h>

#include <algorithm>

#include "etag.h"
#include "github_endpoints.h"

namespace cib::sim {

void add_github_rate_headers(const RateDecision& rate, Headers& headers) {
  const auto reset = Poco::Timestamp().epochTime() + rate.reset_after_s;
  headers.emplace_back("x-ratelimit-limit", std::to_string(rate.limit));
  headers.emplace_back("x-ratelimit-remaining",
                       std::to_string(std::max(0, rate.limit - rate.used)));
  headers.emplace_back("x-ratelimit-reset", std::to_string(reset));
  headers.emplace_back("x-ratelimit-used", std::to_string(rate.used));
  headers.emplace_back("x-ratelimit-resource", "core");
}

bool is_github_write(const std::string& method) {
  return method == "POST" || method == "PATCH" || method == "PUT" || method == "DELETE";
}

Answer github_secondary_limit_answer(int retry_after_s) {
  auto answer = github_error(
      403,
      "You have exceeded a secondary rate limit. Please wait a few minutes before you try "
      "again. If you reach out to GitHub Support for help, please include the request ID.");
  answer.headers.emplace_back("retry-after", std::to_string(std::max(1, retry_after_s)));
  return answer;
}

bool apply_github_etag(const std::string& method, const std::string& if_none_match,
                       Answer& answer) {
  return apply_etag(method, if_none_match, answer);
}

}  // namespace cib::sim
