// A GitHub App's installation tokens: a JWT signed with the App's key (auth/app_jwt.h),
// exchanged at POST /app/installations/{id}/access_tokens, and when the token it gave is due
// again (less than kTokenRefreshMarginS left, or the host refused it). Nothing secret is kept
// here: the caller keeps the token (core/credential.h keeps it masked) and the key is read for
// each exchange and wiped.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include "runtime/clock.h"
#include "transport/http_types.h"

namespace cib {

struct IssuedToken {
  std::string token;              // a secret: wipe it once it is stored
  std::int64_t expires_at_s = 0;  // wall-clock seconds since the epoch
};

// The exchange got an HTTP answer other than a token. refused(): the host does not know the
// App, its key or the installation (401, 404); trying again as configured cannot help.
class AppExchangeError : public std::runtime_error {
 public:
  AppExchangeError(int http_status, const std::string& what, bool refused,
                   std::int64_t retry_after_ms = -1)
      : std::runtime_error(what),
        http_status_(http_status),
        refused_(refused),
        retry_after_ms_(retry_after_ms) {}
  int http_status() const { return http_status_; }
  bool refused() const { return refused_; }
  std::int64_t retry_after_ms() const { return retry_after_ms_; }

 private:
  int http_status_;
  bool refused_;
  std::int64_t retry_after_ms_;
};

constexpr std::int64_t kTokenRefreshMarginS = 300;

// The exchange: JSON headers GitHub asks for and the JWT as the bearer.
HttpRequest token_exchange_request(std::int64_t installation_id, const std::string& jwt);

// The token of a 201 answer. Throws AppExchangeError for any other answer, or a 201 without a
// one-line token or a readable expires_at. `jwt` is taken out of anything a message quotes.
IssuedToken read_token_answer(const HttpResponse& answer, std::int64_t installation_id,
                              const std::string& jwt, std::int64_t now_s);

class AppTokenSource {
 public:
  // The key's PEM text, read afresh (the caller wipes it); throws AppKeyError.
  using ReadKey = std::function<std::string()>;
  // Sends the request and returns any HTTP answer; throws TransportError when there is none.
  using Exchange = std::function<HttpResponse(const HttpRequest&)>;

  AppTokenSource(std::int64_t app_id, std::int64_t installation_id, const Clock& clock,
                 ReadKey read_key, Exchange exchange);

  // True before the first token, once less than kTokenRefreshMarginS of it remain, and after
  // expire().
  bool due() const;
  // A new token. Throws AppKeyError, AppExchangeError or TransportError; the token that was
  // due stays due.
  IssuedToken issue();
  // The host refused the token (401): the next due() is true.
  void expire() { expires_at_s_ = 0; }

 private:
  std::int64_t now_s() const;

  const std::int64_t app_id_;
  const std::int64_t installation_id_;
  const Clock& clock_;
  ReadKey read_key_;
  Exchange exchange_;
  std::int64_t expires_at_s_ = 0;  // of the last token issued; 0: none, or refused
};

}  // namespace cib
