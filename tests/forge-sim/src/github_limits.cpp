#include "github_limits.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Timestamp.h>

#include <algorithm>

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
  if (method != "GET" || answer.status != 200) return false;
  Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
  sha256.update(answer.body);
  const std::string etag = "\"" + Poco::DigestEngine::digestToHex(sha256.digest()) + "\"";
  answer.headers.emplace_back("ETag", etag);
  const Poco::StringTokenizer candidates(
      if_none_match, ",",
      Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& candidate : candidates) {
    // A weak validator (W/"…") matches too, as with GitHub's own weak ETags.
    const auto strong = candidate.rfind("W/", 0) == 0 ? candidate.substr(2) : candidate;
    if (strong != etag && candidate != "*") continue;
    answer.status = 304;
    answer.body.clear();
    return true;
  }
  return false;
}

}  // namespace cib::sim
