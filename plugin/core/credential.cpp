#include "core/credential.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <random>
#include <vector>

#include "config/token_file.h"
#include "config/value_check.h"
#include "core/secret_redaction.h"
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

std::string random_pad(std::size_t size) {
  std::random_device device;
  std::string pad(size, '\0');
  for (char& c : pad) c = static_cast<char>(device() & 0xff);
  return pad;
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
    : source_(settings), identity_(account_identity(settings)), pad_(random_pad(64)) {
  std::string header = authorization_header(settings);
  store(header);
  wipe(header);
  // reload() needs where the secret comes from, not the secret.
  wipe(source_.auth_token);
  wipe(source_.auth_password);
  wipe(source_.sonar_token);
  wipe(source_.budget_shared);
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

std::string Credential::header() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string header;
  header.reserve(masked_.size());
  for (std::size_t i = 0; i < masked_.size(); ++i) header += masked_[i] ^ pad_[i % pad_.size()];
  return header;
}

void Credential::add_secrets(std::vector<std::string>& out) const {
  std::string authorization = header();
  for (std::string& secret : header_secrets(authorization)) out.push_back(std::move(secret));
  wipe(authorization);
}

bool Credential::reload() {
  Settings next = source_;
  if (next.auth_type == AuthType::basic) {
    next.auth_password = read_secret("", {}, next.auth_password_env);
    if (next.auth_password.empty()) return false;
  } else {
    next.auth_token = read_secret(next.auth_token_file, next.auth_token_dirs, next.auth_token_env);
    if (next.auth_token.empty()) return false;
  }
  std::string header = authorization_header(next);
  std::string now = this->header();
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
