// The API base URL and the encoding of request targets. Targets are built as pre-encoded strings
// and never pass through Poco::URI, which decodes %2F (GitLab's project ids need it encoded).
#pragma once

#include <cstdint>
#include <string>

namespace cib {

struct BaseUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // lower case; an IPv6 address without brackets
  std::uint16_t port = 0;
  std::string path;  // pre-encoded, no trailing '/': "" or "/2.0"

  bool secure() const { return scheme == "https"; }
  // host:port as a message names it ("[::1]:8443" for IPv6).
  std::string authority() const;
};

// Parses scheme://host[:port][/path]. Throws std::invalid_argument for another scheme, a missing
// host, user information (credentials belong in host.auth), a query or a fragment. Messages
// never repeat the URL, which might hold a secret.
BaseUrl parse_base_url(const std::string& url);

// True for "localhost", names ending in ".localhost", 127.0.0.0/8 and ::1.
bool is_loopback_host(const std::string& host);

// host as it appears in a URL or Host header: IPv6 addresses in brackets.
std::string url_host(const std::string& host);

// Percent-encodes every byte except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~), so
// "a/b c" becomes "a%2Fb%20c": one path segment, whatever it holds.
std::string encode_path_segment(const std::string& segment);

// The same rule for a query parameter's name or value ('&', '=', '+' and ' ' are encoded).
std::string encode_query_value(const std::string& value);

}  // namespace cib
