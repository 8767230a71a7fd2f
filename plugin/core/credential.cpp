#include "core/credential.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <random>
#include <vector>

#include "auth/app_jwt.h"
#include "config/token_file.h"
#include "config/value_check.h"
#include "config/value_quotes.h"
#include "core/client_core.h"
#include "core/secret_redaction.h"
#include "providers/provider.h"
#include "runtime/secret_text.h"
#include "runtime/sha256.h"
#include "transport/http_types.h"

namespace cib {
namespace {

// The secret as it reads now; "" when it cannot be read or is no longer one line. The token
// file obeys the rules it obeyed at start (config/token_file.h): by now it may be a FIFO.
std::string read_secret(const std::string& file, const std::vector<std::string>& dirs,
                        const std::string& variable) {
  std::string secret;
  if (!file.empty()) {
    secret = std::move(read_token_file(file, dirs).token);
  } else if (const char* value = variable.empty() ? nullptr : std::getenv(variable.c_str())) {
    secret = value;
  }
  const bool one_line = std::none_of(secret.begin(), secret.end(),
                                     [](unsigned char c) { return std::iscntrl(c) != 0; });
  if (!one_line) wipe(secret);
  return secret;
}

// The App's key as the file holds it now, under the token file's rules (config/token_file.h).
AppTokenSource::ReadKey key_reader(const Settings& s) {
  return [file = s.private_key_file, dirs = s.auth_token_dirs] {
    TokenFileRead read = read_token_file(file, dirs);
    if (!read.problem.empty()) throw AppKeyError("cannot be read: " + read.problem);
    if (read.token.empty()) throw AppKeyError("is empty");
    return std::move(read.token);
  };
}

// What a failed exchange means to the dispatcher (core/delivery_failure.h): the App refused
// (or its key unusable) is a 401, which keeps every slot and reloads; any other answer passes.
[[noreturn]] void throw_host_error(const std::string& key_file) {
  try {
    throw;
  } catch (const AppExchangeError& e) {
    if (e.refused()) throw HostError(401, e.what());
    throw HostError(e.http_status(), e.what(), e.retry_after_ms(), true);
  } catch (const AppKeyError& e) {
    throw HostError(401,
                    "host.auth.private_key_file " + quote_for_message(key_file) + ": " + e.what());
  }
}

std::string random_pad(std::size_t size) {
  std::random_device device;
  std::string pad(size, '\0');
  for (char& c : pad) c = static_cast<char>(device() & 0xff);
  return pad;
}

}  // namespace

std::string authorization_header(const Settings& settings) {
  if (settings.auth_type == AuthType::bearer) return "Bearer " + settings.auth_token;
  if (settings.auth_type == AuthType::github_app) return "";  // until a token is issued
  return basic_authorization(settings.auth_user, settings.auth_password);
}

std::string account_identity(const Settings& s) {
  std::string account;
  if (s.auth_type == AuthType::basic) {
    account = "user:" + s.auth_user;
  } else if (s.auth_type == AuthType::github_app) {
    account = "github-app-installation:" + std::to_string(s.installation_id);
  } else if (!s.auth_token_file.empty()) {
    account = "token-file:" + s.auth_token_file;
  } else if (!s.auth_token_env.empty()) {
    account = "token-env:" + s.auth_token_env;
  } else {
    account = "token:" + sha256_hex(s.auth_token);
  }
  return sha256_hex(s.api_url + "\n" + account).substr(0, 32);
}

Credential::Credential(const Settings& settings)
    : source_(settings), identity_(account_identity(settings)), pad_(random_pad(64)) {
  std::string header = authorization_header(settings);
  store(header);
  wipe(header);
  // reload() needs where the secret comes from, not the secret.
  wipe(source_.auth_token);
  wipe(source_.auth_password);
  wipe(source_.sonar_token);
  wipe(source_.budget_shared);
  if (settings.auth_type != AuthType::github_app) return;
  own_clock_ = std::make_unique<SystemClock>();
  exchange_http_ = std::make_unique<HttpClient>(transport_settings(settings));
  start_app(settings, *own_clock_, [http = exchange_http_.get()](const HttpRequest& request) {
    return http->send(request);
  });
}

Credential::Credential(const Settings& settings, const Clock& clock,
                       AppTokenSource::Exchange exchange)
    : source_(without_credential(settings)),
      identity_(account_identity(settings)),
      pad_(random_pad(64)) {
  start_app(settings, clock, std::move(exchange));
}

void Credential::start_app(const Settings& settings, const Clock& clock,
                           AppTokenSource::Exchange exchange) {
  app_ = std::make_unique<AppTokenSource>(settings.app_id, settings.installation_id, clock,
                                          key_reader(settings), std::move(exchange));
}

Credential::~Credential() {
  wipe(masked_);
  wipe(pad_);
}

void Credential::store(const std::string& header) {
  wipe(masked_);
  masked_.reserve(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) masked_ += header[i] ^ pad_[i % pad_.size()];
}

std::string Credential::header() {
  if (app_) refresh_app_token();
  return plain_header();
}

void Credential::refresh_app_token() {
  std::lock_guard<std::mutex> app_lock(app_mutex_);
  if (!app_->due()) return;
  IssuedToken issued;
  try {
    issued = app_->issue();
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const TransportError&) {
    throw;
  } catch (const std::exception&) {
    throw_host_error(source_.private_key_file);
  }
  std::string header = "Bearer " + issued.token;
  wipe(issued.token);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    store(header);
  }
  wipe(header);
}

std::string Credential::plain_header() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string header;
  header.reserve(masked_.size());
  for (std::size_t i = 0; i < masked_.size(); ++i) header += masked_[i] ^ pad_[i % pad_.size()];
  return header;
}

void Credential::add_secrets(std::vector<std::string>& out) const {
  std::string authorization = plain_header();
  for (std::string& secret : header_secrets(authorization)) out.push_back(std::move(secret));
  wipe(authorization);
}

bool Credential::reload() {
  if (app_) {
    std::lock_guard<std::mutex> app_lock(app_mutex_);
    app_->expire();
    return true;
  }
  Settings next = source_;
  if (next.auth_type == AuthType::basic) {
    next.auth_password = read_secret("", {}, next.auth_password_env);
    if (next.auth_password.empty()) return false;
  } else {
    next.auth_token = read_secret(next.auth_token_file, next.auth_token_dirs, next.auth_token_env);
    if (next.auth_token.empty()) return false;
  }
  std::string header = authorization_header(next);
  std::string now = plain_header();
  const bool same = header == now;
  wipe(now);
  if (!same) {
    std::lock_guard<std::mutex> lock(mutex_);
    store(header);
  }
  wipe(header);
  return !same;
}

}  // namespace cib
