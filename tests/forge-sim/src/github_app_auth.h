// A GitHub App's authentication: the app signs a JWT (RS256) with its private key, and trades
// it at POST /app/installations/{id}/access_tokens for an installation token (that endpoint,
// serve_github_access_tokens in github_endpoints.h, is defined next to the check here).
#pragma once

#include <cstdint>
#include <string>

namespace cib::sim {

// GitHub refuses a JWT whose lifetime (exp - iat) is longer than ten minutes.
inline constexpr std::int64_t kMaxJwtLifetimeS = 600;

// Empty when `jwt` is a well-formed RS256 JWT signed with the key in `public_key_pem_file`,
// issued by `app_id` and not expired at `now_s` (epoch seconds); else GitHub's message.
std::string app_jwt_refusal(const std::string& jwt, const std::string& public_key_pem_file,
                            long app_id, std::int64_t now_s);

}  // namespace cib::sim
