#include "transport/proxy.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "Poco/Exception.h"
#include "Poco/NumberParser.h"
#include "Poco/String.h"
#include "Poco/URI.h"

namespace cib {
namespace {

constexpr std::uint16_t kDefaultProxyPort = 1080;

struct NoProxyEntry {
  std::string host;  // lower case, without brackets or a leading dot
  std::optional<std::uint16_t> port;
};

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> items;
  std::string current;
  for (char c : list) {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!current.empty()) items.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) items.push_back(current);
  return items;
}

// "[::1]:80", "::1", "host:80", "host", "10.0.0.0/8".
NoProxyEntry parse_entry(const std::string& raw) {
  NoProxyEntry entry;
  std::string text = Poco::toLower(raw);
  std::string port_text;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    entry.host = text.substr(1, close == std::string::npos ? std::string::npos : close - 1);
    if (close != std::string::npos && close + 1 < text.size() && text[close + 1] == ':') {
      port_text = text.substr(close + 2);
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    const auto colon = text.find(':');
    entry.host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
  } else {
    entry.host = text;  // a name, an IPv4 address or a bare IPv6 address
  }
  unsigned port = 0;
  if (!port_text.empty() && Poco::NumberParser::tryParseUnsigned(port_text, port) && port > 0 &&
      port <= 65535) {
    entry.port = static_cast<std::uint16_t>(port);
  }
  while (!entry.host.empty() && entry.host.front() == '.') entry.host.erase(0, 1);
  return entry;
}

// The address's bytes (4 or 16); empty when `text` is not an IP address.
std::vector<unsigned char> ip_bytes(const std::string& text) {
  std::array<unsigned char, 16> buffer{};
  if (inet_pton(AF_INET, text.c_str(), buffer.data()) == 1) {
    return {buffer.begin(), buffer.begin() + 4};
  }
  if (inet_pton(AF_INET6, text.c_str(), buffer.data()) == 1) return {buffer.begin(), buffer.end()};
  return {};
}

bool cidr_contains(const std::string& range, const std::string& host) {
  const auto slash = range.find('/');
  unsigned bits = 0;
  if (!Poco::NumberParser::tryParseUnsigned(range.substr(slash + 1), bits)) return false;
  const auto network = ip_bytes(range.substr(0, slash));
  const auto address = ip_bytes(host);
  if (network.empty() || network.size() != address.size() || bits > network.size() * 8) {
    return false;
  }
  for (unsigned i = 0; i < bits; ++i) {
    const unsigned mask = 0x80u >> (i % 8);
    if ((network[i / 8] & mask) != (address[i / 8] & mask)) return false;
  }
  return true;
}

bool host_matches(const std::string& pattern, const std::string& host) {
  if (pattern == "*") return true;
  if (pattern.find('/') != std::string::npos) return cidr_contains(pattern, host);
  if (pattern == host) return true;
  const auto host_ip = ip_bytes(host);
  const auto pattern_ip = ip_bytes(pattern);
  if (!host_ip.empty() || !pattern_ip.empty()) return host_ip == pattern_ip;
  // A name covers its subdomains: "example.com" matches "api.example.com", not "badexample.com".
  return host.size() > pattern.size() &&
         host.compare(host.size() - pattern.size(), pattern.size(), pattern) == 0 &&
         host[host.size() - pattern.size() - 1] == '.';
}

std::optional<std::string> first_set(const EnvLookup& env, const std::string& lower,
                                     const std::string& upper) {
  for (const std::string* name : {&lower, &upper}) {
    auto value = env(*name);
    if (value && !Poco::trim(*value).empty()) return Poco::trim(*value);
  }
  return std::nullopt;
}

}  // namespace

std::string ProxyEndpoint::authority() const {
  return url_host(host) + ":" + std::to_string(port);
}

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

ProxyEndpoint parse_proxy_url(const std::string& value) {
  ProxyEndpoint proxy;
  const std::string text = Poco::trim(value);
  if (text.empty()) return proxy;
  const bool has_scheme = text.find("://") != std::string::npos;
  Poco::URI uri;
  try {
    uri = Poco::URI(has_scheme ? text : "http://" + text);
  } catch (const Poco::Exception&) {
    throw std::invalid_argument("the proxy setting is not a valid URL");
  }
  if (Poco::toLower(uri.getScheme()) != "http") {
    throw std::invalid_argument("the proxy must be an http:// proxy (HTTPS goes through CONNECT)");
  }
  proxy.host = Poco::toLower(uri.getHost());
  if (proxy.host.empty()) throw std::invalid_argument("the proxy setting has no host");
  proxy.port = uri.getSpecifiedPort() != 0 ? uri.getSpecifiedPort() : kDefaultProxyPort;
  const std::string& user_info = uri.getUserInfo();  // still percent-encoded
  const auto colon = user_info.find(':');
  Poco::URI::decode(user_info.substr(0, colon), proxy.username);
  if (colon != std::string::npos) Poco::URI::decode(user_info.substr(colon + 1), proxy.password);
  return proxy;
}

bool no_proxy_matches(const std::string& no_proxy, const std::string& host, std::uint16_t port) {
  const std::string name = Poco::toLower(host);
  for (const std::string& item : split_list(no_proxy)) {
    const NoProxyEntry entry = parse_entry(item);
    if (entry.host.empty()) continue;
    if (entry.port && *entry.port != port) continue;
    if (host_matches(entry.host, name)) return true;
  }
  return false;
}

ProxyEndpoint choose_proxy(const std::string& configured, const BaseUrl& target,
                           const EnvLookup& env) {
  if (!Poco::trim(configured).empty()) return parse_proxy_url(configured);
  const auto from_env = target.secure() ? first_set(env, "https_proxy", "HTTPS_PROXY")
                                        : first_set(env, "http_proxy", "HTTP_PROXY");
  if (!from_env) return {};
  const auto exempt = first_set(env, "no_proxy", "NO_PROXY");
  if (exempt && no_proxy_matches(*exempt, target.host, target.port)) return {};
  return parse_proxy_url(*from_env);
}

}  // namespace cib
