// The credential a client sends, and the account it stands for. The header value is a secret:
// never logged, never copied into a message, never written to the spool. In memory it is kept
// masked (XOR with random bytes), so that no long-lived buffer (nor a core dump) holds it in
// plain text; header() unmasks it into a string the caller wipes after use.
#pragma once

#include <mutex>
#include <string>
#include <vector>

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
  ~Credential();
  Credential(const Credential&) = delete;
  Credential& operator=(const Credential&) = delete;

  // The Authorization header's value, in plain text: wipe it (runtime/secret_text.h) once sent.
  std::string header() const;
  // Appends the header's secrets (core/secret_redaction.h header_secrets): wipe them after use.
  void add_secrets(std::vector<std::string>& out) const;
  // After a 401: reads host.auth.token_file or the environment variable again. True when the
  // credential changed (worth trying at once); false when it is the same or cannot be read.
  bool reload();
  const std::string& identity() const { return identity_; }

 private:
  void store(const std::string& header);  // with mutex_ held, or in the constructor

  Settings source_;  // where the credential comes from (host.auth.*), its secrets wiped
  std::string identity_;
  mutable std::mutex mutex_;
  std::string pad_;     // random bytes
  std::string masked_;  // the header, each byte XOR the pad's
};

}  // namespace cib
