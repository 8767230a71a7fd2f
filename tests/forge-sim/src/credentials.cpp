#include "credentials.h"

#include <Poco/Base64Decoder.h>
#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/SHA2Engine.h>
#include <Poco/String.h>

#include <sstream>

namespace cib::sim {
namespace {

std::string hash_prefix(const std::string& text) {
  Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
  sha256.update(text);
  return Poco::DigestEngine::digestToHex(sha256.digest()).substr(0, 12);
}

bool decode_basic(const std::string& encoded, std::string& user, std::string& password) {
  std::istringstream in(encoded);
  Poco::Base64Decoder decoder(in);
  std::string plain;
  try {
    std::getline(decoder, plain, '\0');
  } catch (const Poco::Exception&) {
    return false;
  }
  const auto colon = plain.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  user = plain.substr(0, colon);
  password = plain.substr(colon + 1);
  return true;
}

}  // namespace

Credentials read_credentials(const std::string& authorization_header) {
  Credentials credentials;
  const std::string header = Poco::trim(authorization_header);
  const auto space = header.find(' ');
  if (space == std::string::npos) return credentials;
  const std::string scheme = Poco::toLower(header.substr(0, space));
  const std::string value = Poco::trim(header.substr(space + 1));
  if (value.empty()) return credentials;
  if (scheme == "bearer") {
    credentials.present = true;
    credentials.bearer = true;
    credentials.identity = value;
    credentials.secret = value;
  } else if (scheme == "basic") {
    credentials.present = decode_basic(value, credentials.identity, credentials.secret);
  }
  if (credentials.present) credentials.hash = hash_prefix(credentials.identity);
  return credentials;
}

Credentials read_gitlab_credentials(const std::string& private_token_header,
                                    const std::string& authorization_header) {
  const std::string token = Poco::trim(private_token_header);
  if (token.empty()) {
    auto credentials = read_credentials(authorization_header);
    return credentials.bearer ? credentials : Credentials{};
  }
  Credentials credentials;
  credentials.present = credentials.bearer = true;
  credentials.identity = credentials.secret = token;
  credentials.hash = hash_prefix(token);
  return credentials;
}

}  // namespace cib::sim
