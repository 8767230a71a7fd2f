// One delivery's conversation with GitHub: every request carries GitHub's media type and API
// version; reads are conditional on the ETag of the last answer to the same target; a 403 or
// 429 that GitHub's rate limits explain becomes a HostError the core retries when the host
// says it may.
#pragma once

#include <string>

#include "providers/github/etag_cache.h"
#include "providers/host_exchange.h"

namespace cib::github {

// The API version every request names (X-GitHub-Api-Version).
constexpr const char* kApiVersion = "2022-11-28";

// A request of `method` to `target` with GitHub's headers; only a POST (a create) is not
// idempotent.
HttpRequest github_request(const std::string& method, const std::string& target,
                           std::string body = "");

class GithubExchange {
 public:
  GithubExchange(HostExchange& exchange, EtagCache& etags) : exchange_(exchange), etags_(etags) {}

  // Sends `request`. Returns a 2xx answer, or a 404 when `accept_404`; throws HostError
  // otherwise: for a 403 or 429 that budget/rate_signal.h reads as rate-limited, a
  // transient one with the wait GitHub asked for (Retry-After, else until x-ratelimit-reset).
  HttpResponse send(const HttpRequest& request, bool accept_404 = false);

  // A GET of `target`, with If-None-Match when an earlier answer to it is remembered; a 304
  // returns that answer. The 200 answers are remembered.
  HttpResponse read(const std::string& target, bool accept_404 = false);

  HostExchange& exchange() { return exchange_; }

 private:
  // `response` when it is 2xx (or an accepted 404); else the HostError it makes.
  HttpResponse settle(const HttpRequest& request, HttpResponse response, bool accept_404) const;

  HostExchange& exchange_;
  EtagCache& etags_;
};

}  // namespace cib::github
