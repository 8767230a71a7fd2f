#include "transport/http_types.h"

#include <openssl/evp.h>
#include <strings.h>

#include <cstring>

#include "runtime/secret_text.h"

namespace cib {

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return {};
}

std::string basic_authorization(const std::string& user, const std::string& password) {
  // Into buffers of their final size, the plain one wiped: a stream's growing buffers would
  // leave copies of the secret in freed memory.
  static const char kScheme[] = "Basic ";
  constexpr std::size_t kSchemeSize = sizeof kScheme - 1;
  std::string plain;
  plain.reserve(user.size() + 1 + password.size());
  plain.append(user).append(1, ':').append(password);
  std::string out(kSchemeSize + (plain.size() + 2) / 3 * 4 + 1, '\0');  // EVP adds a NUL
  std::memcpy(out.data(), kScheme, kSchemeSize);
  const int size = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + kSchemeSize),
                                   reinterpret_cast<const unsigned char*>(plain.data()),
                                   static_cast<int>(plain.size()));
  wipe(plain);
  out.resize(kSchemeSize + static_cast<std::size_t>(size));
  return out;
}

}  // namespace cib
