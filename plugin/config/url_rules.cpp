#include "config/url_rules.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace cib {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool has_blank_or_control(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isspace(c) != 0 || std::iscntrl(c) != 0; });
}

}  // namespace

std::optional<UrlParts> parse_url(const std::string& text) {
  if (text.empty() || has_blank_or_control(text)) return std::nullopt;
  try {
    const Poco::URI uri(text);
    UrlParts parts;
    parts.scheme = lower(uri.getScheme());
    parts.host = lower(uri.getHost());
    parts.has_userinfo = !uri.getUserInfo().empty();
    parts.has_query_or_fragment = !uri.getRawQuery().empty() || !uri.getFragment().empty();
    if (parts.scheme != "http" && parts.scheme != "https") return std::nullopt;
    if (parts.host.empty()) return std::nullopt;
    return parts;
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

std::optional<UserInfoSpan> user_info_span(const std::string& text) {
  const auto scheme_end = text.find("://");
  const std::size_t start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const auto at = text.rfind('@');
  if (at == std::string::npos || at < start) return std::nullopt;
  return UserInfoSpan{start, at};
}

bool is_loopback_url_host(const std::string& host) {
  const std::string name = lower(host);
  if (name == "localhost" || name == "localhost.") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, name.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, name.c_str(), &v6) == 1) {
    in6_addr loopback = IN6ADDR_LOOPBACK_INIT;
    return std::equal(std::begin(v6.s6_addr), std::end(v6.s6_addr), std::begin(loopback.s6_addr));
  }
  return false;
}

bool url_has_prefix(const std::string& url, const std::string& prefix) {
  if (prefix.empty() || url.size() < prefix.size()) return false;
  // Scheme and host are case-insensitive; comparing the whole prefix so is safe for the
  // allow-list's purpose, as a path differing only in case names no other host.
  if (lower(url.substr(0, prefix.size())) != lower(prefix)) return false;
  if (url.size() == prefix.size() || prefix.back() == '/') return true;
  const char next = url[prefix.size()];
  return next == '/' || next == '?' || next == '#';
}

}  // namespace cib
