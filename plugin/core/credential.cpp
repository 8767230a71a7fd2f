#include "core/credential.h"

#include <Poco/Base64Encoder.h>

#include <sstream>

namespace cib {

std::string authorization_header(const Settings& settings) {
  if (settings.auth_type == AuthType::bearer) return "Bearer " + settings.auth_token;
  std::ostringstream encoded;
  Poco::Base64Encoder encoder(encoded);
  encoder.rdbuf()->setLineLength(0);
  encoder << settings.auth_user << ':' << settings.auth_password;
  encoder.close();
  return "Basic " + encoded.str();
}

}  // namespace cib
