#include "transport/url.h"

#include <arpa/inet.h>

#include <cctype>
#include <stdexcept>
#include <vector>

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

// Poco::URI hands the path back decoded; encode it again segment by segment.
std::string encode_base_path(const std::string& decoded_path) {
  std::vector<std::string> segments;
  Poco::URI::getPathSegments(decoded_path, segments);
  std::string path;
  for (const std::string& segment : segments) path += "/" + encode_path_segment(segment);
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

std::string BaseUrl::authority() const { return url_host(host) + ":" + std::to_string(port); }

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
  base.path = encode_base_path(uri.getPath());
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

std::string encode_path_segment(const std::string& segment) { return percent_encode(segment); }

std::string encode_query_value(const std::string& value) { return percent_encode(value); }

}  // namespace cib
