// A GitHub App's key pair made for one test (never a committed private key): its public key in
// a temporary PEM file for forge-sim, and JWTs signed with its private key.
#pragma once

#include <Poco/TemporaryFile.h>
#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <string>

namespace cib::test {

class GithubAppKey {
 public:
  GithubAppKey();  // a fresh 2048-bit RSA key pair; throws std::runtime_error

  // The PEM file of the public key (deleted with this object).
  const std::string& public_key_file() const { return public_key_file_.path(); }

  // An RS256 JWT {iat, exp, iss} signed with the private key.
  std::string jwt(std::int64_t iat, std::int64_t exp, long iss) const;

  // One signed as GitHub asks: iat = now - 60, exp = now + 540.
  std::string jwt_now(long iss) const;

 private:
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key_;
  Poco::TemporaryFile public_key_file_;
};

}  // namespace cib::test
