#include "providers/github/github_exchange.h"

#include <chrono>
#include <utility>

#include "budget/rate_signal.h"

namespace cib::github {

namespace {

constexpr int kForbidden = 403;
constexpr int kTooManyRequests = 429;
constexpr int kNotModified = 304;

std::int64_t wall_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// GitHub's rate refusals: a 403 or 429 whose headers or words say so (a 403 is also a missing
// permission, which is final). Returns the refusal as the core should see it, or nullopt.
std::optional<HostError> rate_refusal(const HostError& error, const HttpResponse& response) {
  if (response.status != kForbidden && response.status != kTooManyRequests) return std::nullopt;
  const std::int64_t now_ms = wall_now_ms();
  const RateSignal signal = read_rate_signal(HostKind::github, response, now_ms);
  if (!signal.rate_limited) return std::nullopt;
  std::int64_t wait_ms = signal.retry_after_ms.value_or(-1);
  if (wait_ms < 0 && signal.remaining == 0 && signal.reset_at_ms && *signal.reset_at_ms > now_ms) {
    wait_ms = *signal.reset_at_ms - now_ms;
  }
  return HostError(response.status, error.what(), wait_ms, true);
}

}  // namespace

HttpRequest github_request(const std::string& method, const std::string& target, std::string body) {
  HttpRequest request;
  request.method = method;
  request.target = target;
  request.body = std::move(body);
  request.idempotent = method != "POST";
  request.headers.emplace_back("Accept", "application/vnd.github+json");
  request.headers.emplace_back("X-GitHub-Api-Version", kApiVersion);
  return request;
}

HttpResponse GithubExchange::send(const HttpRequest& request, bool accept_404) {
  return settle(request, exchange_.send(request, {404, kForbidden, kTooManyRequests}), accept_404);
}

HttpResponse GithubExchange::settle(const HttpRequest& request, HttpResponse response,
                                    bool accept_404) const {
  if (is_success(response.status) || (accept_404 && response.status == 404)) return response;
  const HostError error = exchange_.host_error(request, response);
  if (auto refusal = rate_refusal(error, response)) throw *refusal;
  throw error;
}

HttpResponse GithubExchange::read(const std::string& target, bool accept_404) {
  HttpRequest request = github_request("GET", target);
  const std::optional<HttpResponse> remembered = etags_.find(target);
  if (remembered) request.headers.emplace_back("If-None-Match", remembered->header("ETag"));
  HttpResponse response =
      exchange_.send(request, {kNotModified, 404, kForbidden, kTooManyRequests});
  if (response.status == kNotModified && remembered) return *remembered;
  if (response.status == 200) etags_.store(target, response);
  return settle(request, std::move(response), accept_404);
}

}  // namespace cib::github
