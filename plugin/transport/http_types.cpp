#include "transport/http_types.h"

#include <Poco/Base64Encoder.h>
#include <strings.h>

#include <sstream>

namespace cib {

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return {};
}

std::string basic_authorization(const std::string& user, const std::string& password) {
  std::ostringstream encoded;
  Poco::Base64Encoder encoder(encoded);
  encoder.rdbuf()->setLineLength(0);
  encoder << user << ':' << password;
  encoder.close();
  return "Basic " + encoded.str();
}

}  // namespace cib
