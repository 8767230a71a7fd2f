#include "core/credential.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <vector>

#include "config/token_file.h"
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
    secret = read_token_file(file, dirs).token;
  } else if (const char* value = variable.empty() ? nullptr : std::getenv(variable.c_str())) {
    secret = value;
  }
  const bool one_line = std::none_of(secret.begin(), secret.end(),
                                     [](unsigned char c) { return std::iscntrl(c) != 0; });
  return one_line ? secret : "";
}

}  // namespace

std::string authorization_header(const Settings& settings) {
  if (settings.auth_type == AuthType::bearer) return "Bearer " + settings.auth_token;
  return basic_authorization(settings.auth_user, settings.auth_password);
}

std::string account_identity(const Settings& s) {
  std::string account;
  if (s.auth_type == AuthType::basic) {
    account = "user:" + s.auth_user;
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
    : source_(settings),
      identity_(account_identity(settings)),
      header_(authorization_header(settings)) {}

std::string Credential::header() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return header_;
}

bool Credential::reload() {
  Settings next = source_;
  if (next.auth_type == AuthType::basic) {
    const std::string password = read_secret("", {}, next.auth_password_env);
    if (password.empty()) return false;
    next.auth_password = password;
  } else {
    const std::string token =
        read_secret(next.auth_token_file, next.auth_token_dirs, next.auth_token_env);
    if (token.empty()) return false;
    next.auth_token = token;
  }
  std::string header = authorization_header(next);
  std::lock_guard<std::mutex> lock(mutex_);
  if (header == header_) return false;
  header_ = std::move(header);
  return true;
}

}  // namespace cib
