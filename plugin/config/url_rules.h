// The URL rules of the configuration: what counts as a URL, which hosts are loopback, and when
// an API URL falls under an allowed prefix.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace cib {

struct UrlParts {
  std::string scheme;  // lower case: "http" or "https"
  // Lower case, without brackets for IPv6 and without a trailing dot; an IPv6 literal in its
  // canonical spelling ("::1").
  std::string host;
  int port = 0;      // the effective port: the scheme's own when none is written
  std::string path;  // percent-decoded
  bool has_userinfo = false;
  bool has_query_or_fragment = false;
};

// The parts of an http:// or https:// URL with a host, or nothing. The host must be an ASCII
// DNS name (an internationalised one in its xn-- form), an IPv4 or a bracketed IPv6 literal; the
// text holds no blank, control character or backslash, and its path no "." or ".." segment.
std::optional<UrlParts> parse_url(const std::string& text);

// Where the user-info part of a URL-like text lies: from after "://" (or the start when there
// is none) to its last '@'. Found by text alone, so it also covers text that is no valid URL.
struct UserInfoSpan {
  std::size_t start = 0;
  std::size_t at = 0;  // the index of the '@'
};
std::optional<UserInfoSpan> user_info_span(const std::string& text);

// localhost, 127.0.0.0/8 and ::1: plain http:// there never leaves the machine.
bool is_loopback_url_host(const std::string& host);

// True when url lies under prefix, compared as parsed URLs: the same scheme, host and effective
// port, and the prefix's path segments leading the URL's (case-sensitive). Either one holding
// user info, or not parsing, is never under. So "https://git.example.com" does not admit
// "https://git.example.com.evil.net", nor "https://git.example.com/api" "/apievil".
bool url_has_prefix(const std::string& url, const std::string& prefix);

}  // namespace cib
