// The credential a client sends, and the account it stands for. The header value is a secret:
// never logged, never copied into a message, never written to the spool. In memory it is kept
// masked (XOR with random bytes), so that no long-lived buffer (nor a core dump) holds it in
// plain text; header() unmasks it into a string the caller wipes after use.
//
// With a GitHub App (host.auth.type: github-app) the header carries an installation token that
// header() obtains itself (auth/app_token_source.h): on first use, when less than five minutes of
// it remain, and after reload(). The exchange goes through an HTTP client of its own with the
// host's transport settings and takes no budget; the App's key is read for each exchange and
// wiped, the JWT too.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "auth/app_token_source.h"
#include "config/settings.h"
#include "runtime/clock.h"

namespace cib {

class HttpClient;

std::string authorization_header(const Settings& settings);

// The account the host counts this client against, as a hash that names no secret: the user
// for basic authentication, the installation of a GitHub App, else the token file or variable
// the token comes from (so a rotated token keeps its spool), else the token itself. Salted with
// the API URL.
std::string account_identity(const Settings& settings);

class Credential {
 public:
  explicit Credential(const Settings& settings);
  // A GitHub App's credential that reads the time from `clock` and exchanges its JWT through
  // `exchange` (tests); `clock` outlives the credential.
  Credential(const Settings& settings, const Clock& clock, AppTokenSource::Exchange exchange);
  ~Credential();
  Credential(const Credential&) = delete;
  Credential& operator=(const Credential&) = delete;

  // The Authorization header's value, in plain text: wipe it (runtime/secret_text.h) once sent.
  // With a GitHub App it first obtains a token when one is due; a failed exchange throws
  // HostError (401 when the App's id, key or installation is wrong: the client waits for a
  // reload(); any other answer transient) or TransportError, so the update is kept and retried.
  std::string header();
  // Appends the header's secrets (core/secret_redaction.h header_secrets): wipe them after use.
  void add_secrets(std::vector<std::string>& out) const;
  // After a 401: reads host.auth.token_file or the environment variable again. True when the
  // credential changed (worth trying at once); false when it is the same or cannot be read. A
  // GitHub App's token is dropped, so the next header() exchanges (and reads the key) anew.
  bool reload();
  const std::string& identity() const { return identity_; }

 private:
  void start_app(const Settings& settings, const Clock& clock, AppTokenSource::Exchange exchange);
  void refresh_app_token();
  std::string plain_header() const;
  void store(const std::string& header);  // with mutex_ held, or in the constructor

  Settings source_;  // where the credential comes from (host.auth.*), its secrets wiped
  std::string identity_;
  mutable std::mutex mutex_;
  std::string pad_;     // random bytes
  std::string masked_;  // the header, each byte XOR the pad's
  // A GitHub App's: where its tokens come from, guarded by app_mutex_ (held across an exchange,
  // which mutex_ never is).
  std::unique_ptr<Clock> own_clock_;
  std::unique_ptr<HttpClient> exchange_http_;
  std::unique_ptr<AppTokenSource> app_;
  std::mutex app_mutex_;
};

}  // namespace cib
