#include "transport/url.h"

#include <arpa/inet.h>

#include <cctype>
#include <cstring>
#include <stdexcept>

#include "Poco/Exception.h"
#include "Poco/String.h"
#include "Poco/URI.h"

namespace cib {
namespace {

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string percent_encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (is_unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

bool is_path_character(unsigned char c) {
  static constexpr char kAllowed[] = "/!$&'()*+,;=:@";  // sub-delims, ':' and '@' (RFC 3986)
  return is_unreserved(c) || (c != 0 && std::strchr(kAllowed, c) != nullptr);
}

bool is_percent_escape(const std::string& text, std::size_t at) {
  return at + 2 < text.size() && text[at] == '%' &&
         std::isxdigit(static_cast<unsigned char>(text[at + 1])) &&
         std::isxdigit(static_cast<unsigned char>(text[at + 2]));
}

// Poco::URI hands the path back decoded ("%2F" becomes '/'), so the base path is taken from the
// text itself: escapes stay as written, anything not allowed in a path is encoded, and the
// trailing '/' goes (targets start with one).
std::string raw_base_path(const std::string& url) {
  const std::size_t authority = url.find("://");
  const std::size_t start = url.find('/', authority == std::string::npos ? 0 : authority + 3);
  if (start == std::string::npos) return {};
  const std::string raw = url.substr(start, url.find_first_of("?#", start) - start);
  std::string path;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (is_path_character(c) || is_percent_escape(raw, i)) {
      path += static_cast<char>(c);
    } else {
      path += percent_encode(std::string(1, static_cast<char>(c)));
    }
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

bool is_ipv4_loopback(const std::string& host) {
  in_addr address{};
  if (inet_pton(AF_INET, host.c_str(), &address) != 1) return false;
  return (ntohl(address.s_addr) >> 24) == 127;
}

bool is_ipv6_loopback(const std::string& host) {
  in6_addr address{};
  if (inet_pton(AF_INET6, host.c_str(), &address) != 1) return false;
  return IN6_IS_ADDR_LOOPBACK(&address);
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string BaseUrl::authority() const {
  return url_host(host) + ":" + std::to_string(port);
}

BaseUrl parse_base_url(const std::string& url) {
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception&) {
    throw std::invalid_argument("the API URL is not a valid URL");
  }
  BaseUrl base;
  base.scheme = Poco::toLower(uri.getScheme());
  if (base.scheme != "http" && base.scheme != "https") {
    throw std::invalid_argument("the API URL must start with https:// (or http:// for loopback)");
  }
  if (!uri.getUserInfo().empty()) {
    throw std::invalid_argument(
        "the API URL must not contain user information: put credentials in host.auth");
  }
  if (!uri.getRawQuery().empty() || !uri.getFragment().empty()) {
    throw std::invalid_argument("the API URL must not contain a query or a fragment");
  }
  base.host = Poco::toLower(uri.getHost());
  if (base.host.empty()) throw std::invalid_argument("the API URL has no host");
  base.port = uri.getPort();
  if (base.port == 0) throw std::invalid_argument("the API URL has port 0");
  base.path = raw_base_path(Poco::trim(url));
  return base;
}

bool is_loopback_host(const std::string& host) {
  const std::string name = Poco::toLower(host);
  if (name == "localhost" || ends_with(name, ".localhost")) return true;
  return is_ipv4_loopback(name) || is_ipv6_loopback(name);
}

std::string url_host(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

std::string encode_path_segment(const std::string& segment) {
  return percent_encode(segment);
}

std::string encode_query_value(const std::string& value) {
  return percent_encode(value);
}

}  // namespace cib
