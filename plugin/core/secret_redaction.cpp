#include "core/secret_redaction.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "config/redis_url_rules.h"
#include "runtime/secret_text.h"

namespace cib {
namespace {

// The bytes `text` (base64) stands for; "" when it is not base64. OpenSSL decodes into a
// buffer of its final size, and the padded copy is wiped: no growing buffer leaves a copy of
// the secret in freed memory.
std::string base64_decoded(const std::string& text) {
  if (text.empty() || text.size() % 4 == 1) return "";
  std::string padded;
  padded.reserve(text.size() + 3);
  padded.append(text).append((4 - text.size() % 4) % 4, '=');
  std::string decoded(padded.size() / 4 * 3, '\0');
  const int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                   reinterpret_cast<const unsigned char*>(padded.data()),
                                   static_cast<int>(padded.size()));
  const std::size_t pad = padded.size() - padded.find_last_not_of('=') - 1;
  wipe(padded);
  if (size < 0 || pad > 2) {
    wipe(decoded);
    return "";  // not base64: nothing more to hide than the value itself
  }
  decoded.resize(static_cast<std::size_t>(size) - pad);  // EVP counts the padding's bytes
  return decoded;
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

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

constexpr const char* kSecretHeaders[] = {"authorization", "private-token"};

// Where `name` occurs in `lower` (a lower-case copy) as a header name from `from` on.
std::size_t find_header_name(const std::string& lower, const std::string& name, std::size_t from) {
  for (std::size_t at = lower.find(name, from); at != std::string::npos;
       at = lower.find(name, at + 1)) {
    const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
    if (starts) return at;
  }
  return std::string::npos;
}

// The end of a header value that starts at `at`: a quote, a line end, a comma or a brace.
std::size_t value_end(const std::string& line, std::size_t at) {
  const std::size_t end = line.find_first_of("\"'\r\n,;}\\", at);
  return end == std::string::npos ? line.size() : end;
}

// Redacts the value after the header name at `at`; returns where to look on.
std::size_t redact_value_after(std::string& line, std::size_t at) {
  std::size_t i = at;
  while (i < line.size() && (line[i] == '"' || line[i] == '\'' || line[i] == ' ')) ++i;
  if (i >= line.size() || (line[i] != ':' && line[i] != '=')) return at;
  ++i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '"' || line[i] == '\'')) ++i;
  const std::size_t end = value_end(line, i);
  std::size_t start = i;
  const std::size_t space = line.find(' ', i);
  if (space != std::string::npos && space < end) start = space + 1;  // keep the scheme word
  if (start >= end || line.compare(start, end - start, kRedacted) == 0) return end;
  line.replace(start, end - start, kRedacted);
  return start + std::char_traits<char>::length(kRedacted);
}

}  // namespace

void add_settings_secrets(const Settings& settings, std::vector<std::string>& out) {
  if (!settings.sonar_token.empty()) out.push_back(settings.sonar_token);
  if (settings.budget_shared.empty()) return;
  RedisUrlCheck checked = check_redis_url(settings.budget_shared);
  if (checked.ok && !checked.url.password.empty()) out.push_back(checked.url.password);
  wipe(checked.url.password);
}

std::string redact_header_values(std::string line) {
  for (const std::string name : kSecretHeaders) {
    for (std::size_t at = find_header_name(lower_case(line), name, 0); at != std::string::npos;) {
      const std::size_t next = redact_value_after(line, at + name.size());
      at = find_header_name(lower_case(line), name, std::max(next, at + name.size()));
    }
  }
  return line;
}

std::vector<std::string> header_secrets(const std::string& authorization) {
  std::vector<std::string> secrets;
  // Moved, never copied: a copy freed unwiped would stay in memory.
  std::string token = after_scheme(authorization, "bearer");
  std::string basic = after_scheme(authorization, "basic");
  if (!token.empty()) {
    secrets.push_back(std::move(token));
  } else if (!basic.empty()) {
    std::string user_password = base64_decoded(basic);
    const std::size_t colon = user_password.find(':');
    if (colon != std::string::npos) secrets.push_back(user_password.substr(colon + 1));
    secrets.push_back(std::move(user_password));
    secrets.push_back(std::move(basic));
  } else {
    secrets.push_back(authorization);  // a scheme of its own: the whole value is the secret
  }
  for (std::string& secret : secrets) {
    if (secret.size() < kShortestSecret) wipe(secret);
  }
  secrets.erase(std::remove_if(secrets.begin(), secrets.end(),
                               [](const std::string& s) { return s.empty(); }),
                secrets.end());
  std::sort(secrets.begin(), secrets.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return secrets;
}

std::string redact(std::string text, const std::vector<std::string>& secrets) {
  return replace_secrets(std::move(text), secrets, kRedacted);
}

}  // namespace cib
