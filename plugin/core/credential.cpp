#include "core/credential.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config/value_check.h"
#include "runtime/sha256.h"
#include "transport/http_types.h"

namespace cib {
namespace {

// The secret as it reads now; "" when it cannot be read.
std::string read_secret(const std::string& file, const std::string& variable) {
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return in ? trim_blanks(text.str()) : "";
  }
  const char* value = variable.empty() ? nullptr : std::getenv(variable.c_str());
  return value ? std::string(value) : "";
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
    const std::string password = read_secret("", next.auth_password_env);
    if (password.empty()) return false;
    next.auth_password = password;
  } else {
    const std::string token = read_secret(next.auth_token_file, next.auth_token_env);
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
