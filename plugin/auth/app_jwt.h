// The JSON Web Token a GitHub App signs to ask for an installation token: RS256 over
// base64url(header) "." base64url(claims), with the App's private key (PEM, PKCS#1 or PKCS#8).
// The key and the token are secrets: no message here holds a byte of either.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace cib {

// The key cannot be read or used. The message names what is wrong, never the key's content.
class AppKeyError : public std::runtime_error {
 public:
  explicit AppKeyError(const std::string& what) : std::runtime_error(what) {}
};

// How long before now a token says it was issued (clocks drift), and how long after now it
// expires: GitHub refuses a JWT that lives longer than 10 minutes.
constexpr std::int64_t kAppJwtBackdateS = 60;
constexpr std::int64_t kAppJwtLifetimeS = 540;

// "" when `pem` holds an RSA private key OpenSSL loads (without a passphrase); else what is
// wrong with it, in words that quote none of it.
std::string app_key_problem(const std::string& pem);

// {"alg":"RS256","typ":"JWT"} . {"exp":now+540,"iat":now-60,"iss":"<app_id>"}, signed.
// Throws AppKeyError when the key does not load or cannot sign. Wipe the result after use.
std::string app_jwt(const std::string& pem, std::int64_t app_id, std::int64_t now_s);

// RFC 4648 §5 base64url, without padding.
std::string base64url(const std::string& bytes);

}  // namespace cib
