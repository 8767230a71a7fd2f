#include "transport/http_types.h"

#include <strings.h>

namespace cib {

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return {};
}

std::string basic_authorization(const std::string& user, const std::string& password) {
  // By hand into one buffer of its final size: a stream's growing buffers would leave copies
  // of the secret in freed memory.
  static const char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::size_t size = user.size() + 1 + password.size();
  const auto byte = [&](std::size_t i) -> unsigned {
    if (i < user.size()) return static_cast<unsigned char>(user[i]);
    if (i == user.size()) return ':';
    return static_cast<unsigned char>(password[i - user.size() - 1]);
  };
  std::string out;
  out.reserve(6 + (size + 2) / 3 * 4);
  out += "Basic ";
  for (std::size_t i = 0; i < size; i += 3) {
    const unsigned n =
        byte(i) << 16 | (i + 1 < size ? byte(i + 1) << 8 : 0) | (i + 2 < size ? byte(i + 2) : 0);
    out += kDigits[n >> 18 & 63];
    out += kDigits[n >> 12 & 63];
    out += i + 1 < size ? kDigits[n >> 6 & 63] : '=';
    out += i + 2 < size ? kDigits[n & 63] : '=';
  }
  return out;
}

}  // namespace cib
