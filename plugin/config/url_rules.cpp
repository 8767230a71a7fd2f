#include "config/url_rules.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace cib {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Blanks and control characters end URLs in logs and headers; a backslash is a slash to some
// parsers and part of the user info or host to others; a non-ASCII byte is a look-alike's
// material, and an IRI must be written percent-encoded (a host in its xn-- form) anyway.
bool has_unsafe_character(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isspace(c) != 0 || std::iscntrl(c) != 0 || c == '\\' || c >= 0x80;
  });
}

// An IPv6 literal in its canonical spelling, or nothing when host is none.
std::optional<std::string> canonical_ipv6(const std::string& host) {
  in6_addr address{};
  if (inet_pton(AF_INET6, host.c_str(), &address) != 1) return std::nullopt;
  char text[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(AF_INET6, &address, text, sizeof text) == nullptr) return std::nullopt;
  return std::string(text);
}

// letters, digits, '-' and '.', no empty label: a DNS name or an IPv4 literal. A
// percent-encoded or non-ASCII name would reach the resolver in a spelling no allow list holds.
bool is_dns_name(const std::string& host) {
  if (host.empty() || host.front() == '.' || host.find("..") != std::string::npos) return false;
  return std::all_of(host.begin(), host.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0 || c == '-' || c == '.'; });
}

// Poco admits ':' in a host only between brackets, so a host holding one is an IPv6 literal.
std::optional<std::string> normalised_host(const std::string& written) {
  std::string host = lower(written);
  if (host.find(':') != std::string::npos) return canonical_ipv6(host);
  if (!host.empty() && host.back() == '.') host.pop_back();
  if (!is_dns_name(host)) return std::nullopt;
  return host;
}

std::vector<std::string> path_segments(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    if (slash > start) segments.push_back(path.substr(start, slash - start));  // no empty ones
    start = slash + 1;
  }
  return segments;
}

bool has_dot_segment(const std::string& path) {
  const std::vector<std::string> segments = path_segments(path);
  return std::any_of(segments.begin(), segments.end(),
                     [](const std::string& s) { return s == "." || s == ".."; });
}

}  // namespace

std::optional<UrlParts> parse_url(const std::string& text) {
  if (text.empty() || has_unsafe_character(text)) return std::nullopt;
  try {
    const Poco::URI uri(text);
    UrlParts parts;
    parts.scheme = lower(uri.getScheme());
    if (parts.scheme != "http" && parts.scheme != "https") return std::nullopt;
    const auto host = normalised_host(uri.getHost());
    if (!host) return std::nullopt;
    parts.host = *host;
    parts.port = uri.getPort();
    parts.path = uri.getPath();
    if (has_dot_segment(parts.path)) return std::nullopt;
    parts.has_userinfo = !uri.getUserInfo().empty() || text.find('@') != std::string::npos;
    parts.has_query_or_fragment = !uri.getRawQuery().empty() || !uri.getFragment().empty();
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
  const auto u = parse_url(url);
  const auto p = parse_url(prefix);
  if (!u || !p || u->has_userinfo || p->has_userinfo) return false;
  if (u->scheme != p->scheme || u->host != p->host || u->port != p->port) return false;
  const std::vector<std::string> under = path_segments(u->path);
  const std::vector<std::string> above = path_segments(p->path);
  return above.size() <= under.size() && std::equal(above.begin(), above.end(), under.begin());
}

}  // namespace cib
