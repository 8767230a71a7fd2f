#include "config/property_table.h"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "config/config_store.h"
#include "config_test_support.h"

namespace cib {
namespace {

using test::config_error;
using Code = ConfigError::Code;

BOOST_AUTO_TEST_SUITE(property_table_values)

BOOST_AUTO_TEST_CASE(unset_keys_read_their_defaults) {
  const ConfigStore store;
  BOOST_TEST(store.get("batching.linger_ms") == "2000");
  BOOST_TEST(store.get("batching.terminal_linger_ms") == "200");
  BOOST_TEST(store.get("batching.max_delay_ms") == "10000");
  BOOST_TEST(store.get("batching.max_pending") == "100000");
  BOOST_TEST(store.get("comments.mode") == "upsert");
  BOOST_TEST(store.get("dedup.trust_s") == "86400");
  BOOST_TEST(store.get("reports.max_queued") == "10000");
  BOOST_TEST(store.get("host.auth.type") == "bearer");
  BOOST_TEST(store.get("tls.verify") == "true");
  BOOST_TEST(store.get("tls.allow_insecure_http") == "false");
  BOOST_TEST(store.get("transport.connect_timeout_ms") == "10000");
  BOOST_TEST(store.get("transport.read_timeout_ms") == "30000");
  BOOST_TEST(store.get("transport.retry_base_ms") == "500");
  BOOST_TEST(store.get("transport.retry_max_ms") == "60000");
  BOOST_TEST(store.get("shutdown.timeout_ms") == "10000");
  BOOST_TEST(store.get("host.api_url") == "");
  BOOST_TEST(store.get("proxy") == "");
}

BOOST_AUTO_TEST_CASE(defaults_fill_the_settings_snapshot_like_the_struct_defaults) {
  const Settings s = test::minimal_store().settings();
  const Settings expected;
  BOOST_TEST(s.linger_ms == expected.linger_ms);
  BOOST_TEST(s.terminal_linger_ms == expected.terminal_linger_ms);
  BOOST_TEST(s.max_delay_ms == expected.max_delay_ms);
  BOOST_TEST(s.max_pending == expected.max_pending);
  BOOST_TEST((s.comments_mode == expected.comments_mode));
  BOOST_TEST(s.dedup_trust_s == expected.dedup_trust_s);
  BOOST_TEST(s.reports_max_queued == expected.reports_max_queued);
  BOOST_TEST(s.log_queue == expected.log_queue);
  BOOST_TEST(s.tls_verify == expected.tls_verify);
  BOOST_TEST(s.tls_allow_insecure_http == expected.tls_allow_insecure_http);
  BOOST_TEST(s.connect_timeout_ms == expected.connect_timeout_ms);
  BOOST_TEST(s.read_timeout_ms == expected.read_timeout_ms);
  BOOST_TEST(s.retry_base_ms == expected.retry_base_ms);
  BOOST_TEST(s.retry_max_ms == expected.retry_max_ms);
  BOOST_TEST(s.shutdown_timeout_ms == expected.shutdown_timeout_ms);
  BOOST_TEST((s.auth_type == AuthType::bearer));
  BOOST_TEST(s.proxy == "");
  BOOST_TEST(s.allowed_urls.empty());
}

BOOST_AUTO_TEST_CASE(set_values_reach_every_settings_field) {
  ConfigStore store = test::minimal_store();
  store.set("host.kind", "bitbucket-cloud");
  store.set("host.api_url", "https://bitbucket.example.com/api/2.0/");
  store.set("host.allowed_urls", " https://bitbucket.example.com/api , https://other.example ");
  store.set("batching.linger_ms", "5");
  store.set("batching.terminal_linger_ms", "6");
  store.set("batching.max_delay_ms", "7");
  store.set("batching.max_pending", "8");
  store.set("comments.mode", "summary");
  store.set("dedup.trust_s", "9");
  store.set("reports.max_queued", "10");
  store.set("log.queue", "true");
  store.set("tls.verify", "false");
  store.set("tls.ca_file", "ca.pem");
  store.set("proxy", "http://proxy.internal:3128");
  store.set("transport.connect_timeout_ms", "11");
  store.set("transport.read_timeout_ms", "12");
  store.set("transport.retry_base_ms", "13");
  store.set("transport.retry_max_ms", "14");
  store.set("shutdown.timeout_ms", "15");
  const Settings s = store.settings();
  BOOST_TEST((s.host_kind == HostKind::bitbucket_cloud));
  BOOST_TEST(std::string(to_string(s.host_kind)) == "bitbucket-cloud");
  BOOST_TEST(s.api_url == "https://bitbucket.example.com/api/2.0");
  BOOST_TEST(s.allowed_urls.size() == 2u);
  BOOST_TEST(s.allowed_urls.at(1) == "https://other.example");
  BOOST_TEST(s.auth_token == "literal-token-value");
  BOOST_TEST(s.linger_ms == 5);
  BOOST_TEST(s.terminal_linger_ms == 6);
  BOOST_TEST(s.max_delay_ms == 7);
  BOOST_TEST(s.max_pending == 8);
  BOOST_TEST((s.comments_mode == CommentsMode::summary));
  BOOST_TEST(s.dedup_trust_s == 9);
  BOOST_TEST(s.reports_max_queued == 10);
  BOOST_TEST(s.log_queue);
  BOOST_TEST(!s.tls_verify);
  BOOST_TEST(s.tls_ca_file == "ca.pem");
  BOOST_TEST(s.proxy == "http://proxy.internal:3128");
  BOOST_TEST(s.connect_timeout_ms == 11);
  BOOST_TEST(s.read_timeout_ms == 12);
  BOOST_TEST(s.retry_base_ms == 13);
  BOOST_TEST(s.retry_max_ms == 14);
  BOOST_TEST(s.shutdown_timeout_ms == 15);
}

BOOST_AUTO_TEST_CASE(host_kinds_have_their_documented_names) {
  BOOST_TEST(std::string(to_string(HostKind::bitbucket_cloud)) == "bitbucket-cloud");
  BOOST_TEST(std::string(to_string(HostKind::bitbucket_dc)) == "bitbucket-dc");
  BOOST_TEST(std::string(to_string(HostKind::github)) == "github");
  BOOST_TEST(std::string(to_string(HostKind::gitlab)) == "gitlab");
}

BOOST_AUTO_TEST_CASE(bad_integers_are_refused_with_the_expected_range) {
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.set("batching.linger_ms", "lots"); }, Code::invalid_value) ==
             "cib_config_set: batching.linger_ms: expected a non-negative integer, got \"lots\"");
  BOOST_TEST(config_error([&] { store.set("batching.linger_ms", "-1"); }, Code::invalid_value) ==
             "cib_config_set: batching.linger_ms: expected a non-negative integer, got \"-1\"");
  BOOST_TEST(config_error([&] { store.set("batching.max_pending", "0"); }, Code::invalid_value) ==
             "cib_config_set: batching.max_pending: expected an integer from 1 to 100000000, "
             "got \"0\"");
  BOOST_TEST(
      config_error([&] { store.set("dedup.trust_s", "99999999999999999999"); }, Code::invalid_value)
          .find("expected a non-negative integer") != std::string::npos);
  BOOST_TEST(config_error([&] { store.set("shutdown.timeout_ms", " 5"); }, Code::invalid_value)
                 .find("got \" 5\"") != std::string::npos);
  BOOST_TEST(store.get("batching.linger_ms") == "2000");
}

BOOST_AUTO_TEST_CASE(bad_booleans_enums_and_urls_are_refused) {
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.set("tls.verify", "yes"); }, Code::invalid_value) ==
             "cib_config_set: tls.verify: expected true or false, got \"yes\"");
  BOOST_TEST(config_error([&] { store.set("host.kind", "bitbucket"); }, Code::invalid_value) ==
             "cib_config_set: host.kind: expected one of bitbucket-cloud, bitbucket-dc, github, "
             "gitlab, got \"bitbucket\"");
  BOOST_TEST(config_error([&] { store.set("comments.mode", "Upsert"); }, Code::invalid_value)
                 .find("expected one of upsert, summary, append") != std::string::npos);
  BOOST_TEST(
      config_error([&] { store.set("host.api_url", "ftp://x.example"); }, Code::invalid_value) ==
      "cib_config_set: host.api_url: expected an http:// or https:// URL with a host "
      "name, got \"ftp://x.example\"");
  config_error([&] { store.set("host.api_url", "https://"); }, Code::invalid_value);
  config_error([&] { store.set("host.api_url", "https://a b.example"); }, Code::invalid_value);
  config_error([&] { store.set("host.allowed_urls", "https://ok.example,nope"); },
               Code::invalid_value);
  config_error([&] { store.set("tls.ca_file", "a\nb"); }, Code::invalid_value);
}

BOOST_AUTO_TEST_CASE(urls_with_credentials_are_refused_without_echoing_them) {
  ConfigStore store;
  const std::string message = config_error(
      [&] { store.set("proxy", "http://user:hunter2@proxy.internal:3128"); }, Code::invalid_value);
  BOOST_TEST(message.find("hunter2") == std::string::npos);
  BOOST_TEST(message.find("proxy: expected a URL without user:password@") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_secret_values_read_secret_in_messages) {
  ConfigStore store;
  const std::string message =
      config_error([&] { store.set("host.auth.password", "pa55\nword"); }, Code::invalid_value);
  BOOST_TEST(message ==
             "cib_config_set: host.auth.password: expected one line of text, "
             "got <secret>");
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_refused_with_a_suggestion) {
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.set("batching.linger", "5"); }, Code::unknown_key) ==
             "cib_config_set: batching.linger: unknown key (did you mean batching.linger_ms?); "
             "docs/CONFIGURATION.md lists every key");
  BOOST_TEST(config_error([&] { store.get("nothing.like.it"); }, Code::unknown_key) ==
             "nothing.like.it: unknown key; docs/CONFIGURATION.md lists every key");
  config_error([&] { store.set("host", "x"); }, Code::unknown_key);
}

BOOST_AUTO_TEST_CASE(get_shows_secrets_as_secret_and_env_references_unexpanded) {
  ConfigStore store;
  BOOST_TEST(store.get("host.auth.token") == "");
  store.set("host.auth.token", "s3cr3t-value");
  store.set("host.auth.user", "${CI_USER}");
  store.set("host.allowed_urls", "https://a.example, https://b.example");
  BOOST_TEST(store.get("host.auth.token") == "(secret)");
  BOOST_TEST(store.get("host.auth.user") == "${CI_USER}");
  BOOST_TEST(store.get("host.allowed_urls") == "https://a.example,https://b.example");
}

BOOST_AUTO_TEST_CASE(env_references_are_refused_outside_host_auth) {
  ConfigStore store;
  config_error([&] { store.set("host.api_url", "${API_URL}"); }, Code::invalid_value);
  config_error([&] { store.set("host.auth.token", "${not closed"); }, Code::invalid_value);
  config_error([&] { store.set("host.auth.token", "${1DIGIT}"); }, Code::invalid_value);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(reference_doc)

// docs/CONFIGURATION.md is the rendered table; this keeps the two from drifting apart.
BOOST_AUTO_TEST_CASE(configuration_md_equals_the_rendered_reference) {
  const std::string path = std::string(CIB_SOURCE_DIR) + "/docs/CONFIGURATION.md";
  const std::string rendered = render_reference_markdown();
  const char* regenerate = std::getenv("CIB_REGENERATE_DOCS");
  if (regenerate != nullptr && std::string(regenerate) == "1") {
    std::ofstream(path, std::ios::binary) << rendered;
    BOOST_TEST_MESSAGE("wrote " << path);
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  BOOST_TEST((text.str() == rendered),
             "docs/CONFIGURATION.md differs from the property table; regenerate it with "
             "CIB_REGENERATE_DOCS=1 unit_config --run_test=reference_doc");
}

BOOST_AUTO_TEST_CASE(reference_lists_every_host_kind_as_built) {
  const std::string rendered = render_reference_markdown();
  const std::size_t row = rendered.find(
      "| `host.kind` | `bitbucket-cloud` \\| `bitbucket-dc` \\| `github` \\| `gitlab` | "
      "*required* |");
  BOOST_TEST_REQUIRE(row != std::string::npos);
  const std::string line = rendered.substr(row, rendered.find('\n', row) - row);
  BOOST_TEST(line.find("planned") == std::string::npos, line);
}

BOOST_AUTO_TEST_CASE(reference_lists_every_key_once) {
  const std::string rendered = render_reference_markdown();
  for (const Property& p : property_table()) {
    const std::string row = "| `" + std::string(p.key) + "` |";
    const std::size_t first = rendered.find(row);
    BOOST_TEST((first != std::string::npos), p.key);
    BOOST_TEST((rendered.find(row, first + 1) == std::string::npos), p.key);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
