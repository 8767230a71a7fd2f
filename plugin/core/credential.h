// The credential a client sends, and the account it stands for. The header value is a secret:
// never logged, never copied into a message, never written to the spool.
#pragma once

#include <mutex>
#include <string>

#include "config/settings.h"

namespace cib {

std::string authorization_header(const Settings& settings);

// The account the host counts this client against, as a hash that names no secret: the user
// for basic authentication, else the token file or variable the token comes from (so a rotated
// token keeps its spool), else the token itself. Salted with the API URL.
std::string account_identity(const Settings& settings);

class Credential {
 public:
  explicit Credential(const Settings& settings);

  std::string header() const;
  // After a 401: reads host.auth.token_file or the environment variable again. True when the
  // credential changed (worth trying at once); false when it is the same or cannot be read.
  bool reload();
  const std::string& identity() const { return identity_; }

 private:
  const Settings source_;  // where the credential comes from (host.auth.*)
  std::string identity_;
  mutable std::mutex mutex_;
  std::string header_;
};

}  // namespace cib
