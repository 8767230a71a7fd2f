// Reads the Authorization header the way the simulator needs it: who is counted for rate
// limiting, and a hash to log in place of the secret.
#pragma once

#include <string>

namespace cib::sim {

struct Credentials {
  bool present = false;
  bool bearer = false;   // an access token (Bearer) rather than a user (Basic)
  std::string identity;  // rate-limit key; the token itself for Bearer, the user for Basic
  std::string secret;    // the token, or the Basic password
  std::string hash;      // first 12 hex digits of SHA-256(token or user); safe to log
};

// An empty or malformed header gives `present == false`.
Credentials read_credentials(const std::string& authorization_header);

// GitLab's: a PRIVATE-TOKEN header, else an Authorization: Bearer token (no Basic).
Credentials read_gitlab_credentials(const std::string& private_token_header,
                                    const std::string& authorization_header);

}  // namespace cib::sim
