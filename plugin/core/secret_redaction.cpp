#include "core/secret_redaction.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <utility>

#include "runtime/secret_text.h"

namespace cib {
namespace {

std::string base64_decoded(const std::string& text) {
  try {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::string decoded;
    char c;
    while (decoder.get(c)) decoded += c;
    return decoded;
  } catch (const Poco::Exception&) {
    return "";  // not base64: nothing more to hide than the value itself
  }
}

std::string after_scheme(const std::string& header, const std::string& scheme) {
  if (header.size() <= scheme.size() + 1) return "";
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != scheme[i]) return "";
  }
  if (header[scheme.size()] != ' ') return "";
  const std::size_t start = header.find_first_not_of(' ', scheme.size());
  return start == std::string::npos ? "" : header.substr(start);
}

}  // namespace

std::vector<std::string> header_secrets(const std::string& authorization) {
  std::vector<std::string> secrets;
  const std::string token = after_scheme(authorization, "bearer");
  const std::string basic = after_scheme(authorization, "basic");
  if (!token.empty()) {
    secrets.push_back(token);
  } else if (!basic.empty()) {
    secrets.push_back(basic);
    const std::string user_password = base64_decoded(basic);
    secrets.push_back(user_password);
    const std::size_t colon = user_password.find(':');
    if (colon != std::string::npos) secrets.push_back(user_password.substr(colon + 1));
  } else {
    secrets.push_back(authorization);  // a scheme of its own: the whole value is the secret
  }
  secrets.erase(std::remove_if(secrets.begin(), secrets.end(),
                               [](const std::string& s) { return s.size() < kShortestSecret; }),
                secrets.end());
  std::sort(secrets.begin(), secrets.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return secrets;
}

std::string redact(std::string text, const std::vector<std::string>& secrets) {
  return replace_secrets(std::move(text), secrets, kRedacted);
}

}  // namespace cib
