// The URL rules of the configuration: what counts as a URL, which hosts are loopback, and when
// an API URL falls under an allowed prefix.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace cib {

struct UrlParts {
  std::string scheme;  // lower case: "http" or "https"
  std::string host;    // without brackets for IPv6
  bool has_userinfo = false;
  bool has_query_or_fragment = false;
};

// The parts of an http:// or https:// URL with a host, or nothing.
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

// True when url starts with prefix at a boundary, so that the prefix "https://git.example.com"
// does not admit "https://git.example.com.evil.net".
bool url_has_prefix(const std::string& url, const std::string& prefix);

}  // namespace cib
