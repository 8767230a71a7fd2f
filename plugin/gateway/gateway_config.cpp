// Turns the settings of each `--config` file into what the gateway runs with: the first file's
// gateway.* keys for the listener, the tools, the cache and the caps; one upstream per file.
#include "gateway/gateway_config.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <map>
#include <sstream>
#include <stdexcept>

namespace cib::gw {
namespace {

constexpr int kMebibyteShift = 20;
constexpr int kKibibyteShift = 10;

std::invalid_argument config_error(const std::string& source, const std::string& key,
                                   const std::string& problem) {
  return std::invalid_argument(source + ": " + key + ": " + problem);
}

std::string without_trailing_slashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// A mount is matched against request paths segment by segment, so it must be one plainly:
// absolute, without empty, "." or ".." segments, a query or a fragment.
std::string mount_problem(const std::string& mount) {
  if (mount.empty() || mount.front() != '/') return "expected an absolute path such as /2.0";
  if (mount.find_first_of("?#%\\ \t\r\n") != std::string::npos) {
    return "expected a plain path (no query, fragment, escapes or blanks)";
  }
  if (mount == "/") return "";
  std::istringstream segments(mount.substr(1));
  for (std::string segment; std::getline(segments, segment, '/');) {
    if (segment.empty() || segment == "." || segment == "..") {
      return "expected a path without empty, '.' or '..' segments";
    }
  }
  return "";
}

UpstreamConfig upstream_of(const std::string& source, const Settings& settings) {
  UpstreamConfig upstream;
  upstream.settings = settings;
  upstream.source = source;
  upstream.mount = settings.gateway_mount.empty()
                       ? default_mount(settings.api_url)
                       : without_trailing_slashes(settings.gateway_mount);
  const std::string problem = mount_problem(upstream.mount);
  if (!problem.empty()) {
    const std::string key = settings.gateway_mount.empty() ? "host.api_url" : "gateway.mount";
    throw config_error(source, key, "mount \"" + upstream.mount + "\": " + problem);
  }
  return upstream;
}

ServerOptions server_options(const std::string& source, const Settings& s) {
  if (s.gateway_tls_cert_file.empty() != s.gateway_tls_key_file.empty()) {
    throw config_error(source, "gateway.tls_cert_file",
                       "set both gateway.tls_cert_file and gateway.tls_key_file for HTTPS, or "
                       "neither");
  }
  ServerOptions server;
  server.listen = s.gateway_listen;
  server.tls_cert_file = s.gateway_tls_cert_file;
  server.tls_key_file = s.gateway_tls_key_file;
  server.threads = s.gateway_threads;
  server.max_connections = s.gateway_max_connections;
  server.max_body_bytes = s.gateway_max_body_mb << kMebibyteShift;
  server.max_header_count = s.gateway_max_header_count;
  server.max_header_bytes = s.gateway_max_header_kb << kKibibyteShift;
  server.read_timeout_ms = s.gateway_read_timeout_ms;
  server.keep_alive_ms = s.gateway_keep_alive_ms;
  return server;
}

// The first file's gateway.* keys, but for gateway.mount, which every file has its own of.
void fill_from_first(GatewayConfig& config, const std::string& source, const Settings& s) {
  config.server = server_options(source, s);
  if (s.gateway_clients.empty()) {
    throw config_error(source, "gateway.clients",
                       "no tool is configured: list at least one {name, token_file, priority, "
                       "quota_per_hour}");
  }
  config.clients = s.gateway_clients;
  config.cache_rules = s.gateway_cache;
  config.cache_bytes = static_cast<std::size_t>(s.gateway_cache_mb) << kMebibyteShift;
  config.cache_path = s.gateway_cache_path;
  config.stale_max_s = s.gateway_stale_max_s;
  config.interactive_wait_ms = s.gateway_interactive_wait_ms;
  config.upstream_connections = s.gateway_upstream_connections;
  config.drain_ms = s.gateway_drain_timeout_ms;
  config.public_url = s.gateway_public_url;
}

}  // namespace

GatewayConfig make_gateway_config(const std::vector<std::pair<std::string, Settings>>& files) {
  if (files.empty()) throw std::invalid_argument("no configuration file: give --config FILE");
  GatewayConfig config;
  fill_from_first(config, files.front().first, files.front().second);
  std::map<std::string, std::string> mounts;  // mount -> the file that has it
  for (const auto& [source, settings] : files) {
    UpstreamConfig upstream = upstream_of(source, settings);
    const auto [first, inserted] = mounts.emplace(upstream.mount, source);
    if (!inserted) {
      throw config_error(source, "gateway.mount",
                         "\"" + upstream.mount + "\" is already the mount of " + first->second +
                             "; give one of them another gateway.mount");
    }
    config.upstreams.push_back(std::move(upstream));
  }
  return config;
}

std::string default_mount(const std::string& api_url) {
  std::string path;
  try {
    path = Poco::URI(api_url).getPath();
  } catch (const Poco::Exception&) {
    throw std::invalid_argument("host.api_url: not a URL");
  }
  path = without_trailing_slashes(path);
  return path.empty() ? "/" : path;
}

}  // namespace cib::gw
