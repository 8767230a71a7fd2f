// What `cibatch gateway` runs with, made from its configuration files: the first file's
// gateway.* keys set the listener, the tools, the cache and the caps; every file is one
// upstream (host.kind, host.api_url, host.auth.*, budget.*), served under its mount.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "config/settings.h"
#include "gateway/gateway_server.h"

namespace cib::gw {

struct UpstreamConfig {
  Settings settings;   // the file's settings: the host, its credential, its budget
  std::string mount;   // gateway.mount, else the API URL's path ("/2.0", "/api/v4"; "/" for none)
  std::string source;  // the file it came from, for messages
};

struct GatewayConfig {
  ServerOptions server;
  std::vector<UpstreamConfig> upstreams;
  std::vector<GatewayClientEntry> clients;
  std::vector<GatewayCacheEntry> cache_rules;
  std::size_t cache_bytes = 64u << 20;      // gateway.cache_mb
  std::string cache_path;                   // gateway.cache_path: "" memory only
  std::int64_t stale_max_s = 300;           // gateway.stale_max_s
  std::int64_t interactive_wait_ms = 5000;  // gateway.interactive_wait_ms
  std::int64_t upstream_connections = 8;    // gateway.upstream_connections, per upstream
  std::int64_t drain_ms = 30000;            // gateway.drain_timeout_ms
  std::string public_url;  // gateway.public_url: "" → the scheme and Host header of each request
};

// Builds the configuration from each file's settings (in the order given). Throws
// std::invalid_argument with a message naming the file and key when: no tool is configured,
// two upstreams share a mount, a mount is not an absolute path, only one of the TLS files is
// set.
GatewayConfig make_gateway_config(const std::vector<std::pair<std::string, Settings>>& files);

// The mount an upstream is served under by default: its API URL's path without a trailing
// slash, "/" when it has none.
std::string default_mount(const std::string& api_url);

}  // namespace cib::gw
