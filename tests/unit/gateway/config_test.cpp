// make_gateway_config() and default_mount(): the first file's gateway.* keys configure the
// gateway, every file is an upstream under its mount, and the mistakes an operator can make
// across files are refused with the file and key named.
#define BOOST_TEST_MODULE unit_gateway_config
#include <boost/test/unit_test.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "config/config_store.h"
#include "gateway/gateway_config.h"

namespace cib::gw {
namespace {

using Files = std::vector<std::pair<std::string, Settings>>;

constexpr const char* kOneTool =
    "  gateway:\n"
    "    clients: [{name: poller, token_file: /etc/cibatch/tools/poller}]\n";

// The settings of a file holding `yaml` under cibatch:, for one Bitbucket Cloud account.
Settings settings_of(const std::string& host, const std::string& gateway = kOneTool) {
  ConfigStore store;
  store.load_yaml("cibatch:\n" + host + gateway);
  return store.settings();
}

const std::string kBitbucket =
    "  host: {kind: bitbucket-cloud, auth: {token: literal-token-value}}\n";
const std::string kGitlab =
    "  host: {kind: gitlab, api_url: \"https://gitlab.example.com/api/v4/\",\n"
    "         auth: {token: literal-token-value}}\n";

// The message of the std::invalid_argument make_gateway_config throws for files.
std::string refusal(const Files& files) {
  try {
    make_gateway_config(files);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  BOOST_ERROR("expected std::invalid_argument");
  return "";
}

BOOST_AUTO_TEST_SUITE(gateway_config)

BOOST_AUTO_TEST_CASE(default_mounts_are_the_api_urls_paths) {
  BOOST_TEST(default_mount("https://api.bitbucket.org/2.0") == "/2.0");
  BOOST_TEST(default_mount("https://gitlab.example.com/api/v4/") == "/api/v4");
  BOOST_TEST(default_mount("https://api.github.com") == "/");
  BOOST_TEST(default_mount("https://bb.corp.example/") == "/");
}

BOOST_AUTO_TEST_CASE(the_first_files_gateway_keys_configure_the_server_tools_and_cache) {
  const Settings first = settings_of(
      kBitbucket,
      "  gateway:\n"
      "    listen: 127.0.0.1:0\n"
      "    public_url: https://ci-gw.example/\n"
      "    clients:\n"
      "      - {name: lighthouse, token_file: /t/l, priority: background, quota_per_hour: 600}\n"
      "      - {name: backstage, token_file: /t/b, priority: interactive}\n"
      "    cache: [{path: \"/repositories/*/*/pullrequests*\", ttl_s: 30}]\n"
      "    cache_mb: 3\n"
      "    cache_path: /var/lib/cibatch/gateway-cache.db\n"
      "    stale_max_s: 40\n"
      "    interactive_wait_ms: 50\n"
      "    upstream_connections: 6\n"
      "    threads: 7\n"
      "    max_connections: 8\n"
      "    max_body_mb: 2\n"
      "    max_header_count: 9\n"
      "    max_header_kb: 3\n"
      "    read_timeout_ms: 1100\n"
      "    keep_alive_ms: 1200\n"
      "    drain_timeout_ms: 1300\n");
  const GatewayConfig config = make_gateway_config({{"bb.yml", first}});
  BOOST_TEST(config.server.listen == "127.0.0.1:0");
  BOOST_TEST(config.server.threads == 7);
  BOOST_TEST(config.server.max_connections == 8);
  BOOST_TEST(config.server.max_body_bytes == 2 << 20);
  BOOST_TEST(config.server.max_header_count == 9);
  BOOST_TEST(config.server.max_header_bytes == 3 << 10);
  BOOST_TEST(config.server.read_timeout_ms == 1100);
  BOOST_TEST(config.server.keep_alive_ms == 1200);
  BOOST_TEST(config.drain_ms == 1300);
  BOOST_TEST(config.public_url == "https://ci-gw.example");
  BOOST_TEST_REQUIRE(config.clients.size() == 2u);
  BOOST_TEST(config.clients[0].quota_per_hour == 600);
  BOOST_TEST(config.clients[1].priority == "interactive");
  BOOST_TEST_REQUIRE(config.cache_rules.size() == 1u);
  BOOST_TEST(config.cache_rules[0].ttl_s == 30);
  BOOST_TEST(config.cache_bytes == std::size_t{3} << 20);
  BOOST_TEST(config.cache_path == "/var/lib/cibatch/gateway-cache.db");
  BOOST_TEST(config.stale_max_s == 40);
  BOOST_TEST(config.interactive_wait_ms == 50);
  BOOST_TEST(config.upstream_connections == 6);
  BOOST_TEST_REQUIRE(config.upstreams.size() == 1u);
  BOOST_TEST(config.upstreams[0].mount == "/2.0");
  BOOST_TEST(config.upstreams[0].source == "bb.yml");
  BOOST_TEST(config.upstreams[0].settings.api_url == "https://api.bitbucket.org/2.0");
}

BOOST_AUTO_TEST_CASE(defaults_follow_the_contract) {
  const GatewayConfig config = make_gateway_config({{"bb.yml", settings_of(kBitbucket)}});
  BOOST_TEST(config.server.listen == "127.0.0.1:8790");
  BOOST_TEST(config.server.tls_cert_file.empty());
  BOOST_TEST(config.server.threads == 32);
  BOOST_TEST(config.server.max_body_bytes == 32 << 20);
  BOOST_TEST(config.server.max_header_bytes == 64 << 10);
  BOOST_TEST(config.cache_bytes == std::size_t{64} << 20);
  BOOST_TEST(config.cache_rules.empty());
  BOOST_TEST(config.clients.at(0).priority == "background");
  BOOST_TEST(config.drain_ms == 30000);
}

BOOST_AUTO_TEST_CASE(every_file_is_an_upstream_and_only_the_first_configures_the_gateway) {
  const Settings second = settings_of(kGitlab,
                                      "  gateway:\n"
                                      "    listen: 0.0.0.0:1\n"
                                      "    clients: []\n");
  const GatewayConfig config =
      make_gateway_config({{"bb.yml", settings_of(kBitbucket)}, {"gl.yml", second}});
  BOOST_TEST_REQUIRE(config.upstreams.size() == 2u);
  BOOST_TEST(config.upstreams[1].mount == "/api/v4");
  BOOST_TEST(config.upstreams[1].source == "gl.yml");
  BOOST_TEST((config.upstreams[1].settings.host_kind == HostKind::gitlab));
  BOOST_TEST(config.server.listen == "127.0.0.1:8790");
  BOOST_TEST(config.clients.size() == 1u);
}

BOOST_AUTO_TEST_CASE(gateway_mount_overrides_the_default_and_loses_a_trailing_slash) {
  const Settings mounted =
      settings_of(kBitbucket, std::string(kOneTool) + "    mount: /bitbucket/2.0/\n");
  const GatewayConfig config = make_gateway_config({{"bb.yml", mounted}});
  BOOST_TEST(config.upstreams.at(0).mount == "/bitbucket/2.0");
}

BOOST_AUTO_TEST_CASE(two_upstreams_under_one_mount_are_refused) {
  const std::string message =
      refusal({{"a.yml", settings_of(kBitbucket)}, {"b.yml", settings_of(kBitbucket)}});
  BOOST_TEST(message ==
             "b.yml: gateway.mount: \"/2.0\" is already the mount of a.yml; give one of them "
             "another gateway.mount");
}

BOOST_AUTO_TEST_CASE(a_mount_that_is_not_a_plain_absolute_path_is_refused) {
  for (const std::string mount : {"2.0", "/a//b", "/a/../b", "/a?x=1"}) {
    BOOST_TEST_CONTEXT(mount) {
      const std::string message =
          refusal({{"a.yml", settings_of(kBitbucket, std::string(kOneTool) + "    mount: \"" +
                                                         mount + "\"\n")}});
      BOOST_TEST(message.find("a.yml: gateway.mount: mount \"") == 0u, message);
    }
  }
}

BOOST_AUTO_TEST_CASE(no_tool_is_refused) {
  const std::string message =
      refusal({{"a.yml", settings_of(kBitbucket, "  gateway: {listen: \"127.0.0.1:0\"}\n")}});
  BOOST_TEST(message.find("a.yml: gateway.clients: no tool is configured") == 0u, message);
}

BOOST_AUTO_TEST_CASE(one_tls_file_without_the_other_is_refused) {
  const std::string message =
      refusal({{"a.yml", settings_of(kBitbucket, std::string(kOneTool) +
                                                     "    tls_cert_file: /etc/cibatch/gw.pem\n")}});
  BOOST_TEST(message.find("a.yml: gateway.tls_cert_file: set both") == 0u, message);
}

BOOST_AUTO_TEST_CASE(no_file_is_refused) {
  BOOST_TEST(refusal({}).find("no configuration file") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::gw
