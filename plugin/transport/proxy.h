// Which HTTP proxy a connection goes through: the configured one, else the environment's
// HTTPS_PROXY / HTTP_PROXY unless NO_PROXY exempts the host. Pure functions; the environment is
// injected so tests need not change the process's.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "transport/url.h"

namespace cib {

struct ProxyEndpoint {
  std::string host;  // empty: connect directly
  std::uint16_t port = 0;
  std::string username;  // decoded from the proxy URL; never put into a message
  std::string password;

  bool enabled() const { return !host.empty(); }
  // host:port, without credentials: what a message may name.
  std::string authority() const;
};

// Reads one environment variable; nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process's environment (std::getenv).
EnvLookup process_environment();

// Parses http://[user:pass@]host[:port][/] or host[:port] (port 1080 when absent, as curl does).
// Throws std::invalid_argument for another scheme (only plain-HTTP proxies are supported; the
// TLS connection to the host runs inside CONNECT) or a missing host. Messages never repeat the
// value, which may hold a password. An empty value gives a disabled endpoint.
ProxyEndpoint parse_proxy_url(const std::string& value);

// True when no_proxy (a comma or space separated list) exempts host:port. Entries: "*" (every
// host); a name, which also covers its subdomains ("example.com" and ".example.com" both match
// "api.example.com" and "example.com"); an IP address; an IP range in CIDR form ("10.0.0.0/8");
// any of these with ":port" to match that port only ("[::1]:8080" for IPv6). Case-insensitive.
bool no_proxy_matches(const std::string& no_proxy, const std::string& host, std::uint16_t port);

// The proxy for `target`: `configured` when not empty (NO_PROXY does not apply to it);
// otherwise https_proxy/HTTPS_PROXY for https and http_proxy/HTTP_PROXY for http (lower case
// first, as curl reads them), unless no_proxy/NO_PROXY matches the target.
ProxyEndpoint choose_proxy(const std::string& configured, const BaseUrl& target,
                           const EnvLookup& env);

}  // namespace cib
