#include "config/redis_url_rules.h"

#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <cctype>
#include <limits>

#include "config/url_rules.h"

namespace cib {
namespace {

constexpr const char* kScheme = "redis://";
constexpr const char* kTlsScheme = "rediss://";
constexpr const char* kSecret = "<secret>";
constexpr const char* kExpected = "; expected redis://[[USER]:PASSWORD@]HOST:PORT[/DB]";

// A problem found while reading: unwinds to check_redis_url(), which turns it into a result.
struct Refusal {
  std::string problem;
};

bool starts_with_nocase(const std::string& text, const std::string& prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

[[noreturn]] void refuse(const std::string& why) {
  throw Refusal{why + kExpected};
}

std::string decoded(const std::string& part) {
  std::string out;
  try {
    Poco::URI::decode(part, out);
  } catch (const Poco::Exception&) {
    refuse("a malformed percent-encoding in the user or password");
  }
  return out;
}

void read_user_info(const std::string& info, RedisUrl& url) {
  const auto colon = info.find(':');
  // Without a colon it is unclear whether a user or a password was meant: refuse both.
  if (colon == std::string::npos) refuse("a user-info part without ':' before the password");
  url.user = decoded(info.substr(0, colon));
  url.password = decoded(info.substr(colon + 1));
}

void read_host_port(const std::string& hostport, RedisUrl& url) {
  std::string port;
  bool has_port = false;
  if (!hostport.empty() && hostport.front() == '[') {
    const auto close = hostport.find(']');
    if (close == std::string::npos) refuse("an IPv6 address without ']'");
    url.host = hostport.substr(1, close - 1);
    const std::string after = hostport.substr(close + 1);
    if (!after.empty() && after.front() != ':') refuse("text after the IPv6 address");
    has_port = !after.empty();
    if (has_port) port = after.substr(1);
  } else {
    const auto colon = hostport.rfind(':');
    url.host = hostport.substr(0, colon);
    has_port = colon != std::string::npos;
    if (has_port) port = hostport.substr(colon + 1);
  }
  if (url.host.empty()) refuse("no host");
  if (!has_port) return;
  unsigned value = 0;
  if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos ||
      !Poco::NumberParser::tryParseUnsigned(port, value) || value == 0 || value > 65535) {
    refuse("a port that is not a number from 1 to 65535");
  }
  url.port = static_cast<std::uint16_t>(value);
}

void read_db(const std::string& path, RedisUrl& url) {
  if (path.empty()) return;
  unsigned value = 0;
  if (path.find_first_not_of("0123456789") != std::string::npos ||
      !Poco::NumberParser::tryParseUnsigned(path, value) ||
      value > static_cast<unsigned>(std::numeric_limits<int>::max())) {
    refuse("a database that is not a non-negative number");
  }
  url.db = static_cast<int>(value);
}

RedisUrl read_redis_url(const std::string& text) {
  if (starts_with_nocase(text, kTlsScheme)) {
    throw Refusal{
        "TLS to Redis (rediss://) is not supported; use redis:// on a trusted network or a "
        "local TLS tunnel such as stunnel"};
  }
  if (!starts_with_nocase(text, kScheme)) refuse("a scheme other than redis://");
  const std::string rest = text.substr(std::string(kScheme).size());
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  const std::string path = slash == std::string::npos ? "" : rest.substr(slash + 1);
  if (path.find_first_of("?#/") != std::string::npos) refuse("text after the database");

  RedisUrl url;
  const auto at = authority.rfind('@');
  if (at != std::string::npos) read_user_info(authority.substr(0, at), url);
  read_host_port(authority.substr(at == std::string::npos ? 0 : at + 1), url);
  read_db(path, url);
  return url;
}

}  // namespace

std::string RedisUrl::describe() const {
  const bool v6 = host.find(':') != std::string::npos;
  return "redis " + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/" +
         std::to_string(db);
}

std::string redact_redis_url(const std::string& text) {
  const auto span = user_info_span(text);
  if (!span) return text;
  const auto colon = text.find(':', span->start);
  const std::size_t hidden_from = colon < span->at ? colon + 1 : span->start;
  return text.substr(0, hidden_from) + kSecret + text.substr(span->at);
}

RedisUrlCheck check_redis_url(const std::string& text) {
  RedisUrlCheck out;
  try {
    out.url = read_redis_url(text);
    out.ok = true;
  } catch (const Refusal& refusal) {
    out.problem = refusal.problem;
  }
  return out;
}

}  // namespace cib
