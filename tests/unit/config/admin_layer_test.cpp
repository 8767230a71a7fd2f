#include <boost/test/unit_test.hpp>

#include "config/config_store.h"
#include "config_test_support.h"

namespace cib {
namespace {

using test::config_error;
using Code = ConfigError::Code;

constexpr const char* kAdminVariable = "CIBATCH_ADMIN_CONFIG";

using test::AdminFile;

ConfigStore store_with_admin_layer() {
  ConfigStore store;
  store.load_admin_layer();
  return store;
}

BOOST_AUTO_TEST_SUITE(admin_layer)

BOOST_AUTO_TEST_CASE(admin_values_apply_before_the_pipeline) {
  const AdminFile admin("cibatch:\n  batching: { linger_ms: 300 }\n  comments: { mode: append }\n");
  ConfigStore store = store_with_admin_layer();
  BOOST_TEST(store.get("batching.linger_ms") == "300");
  store.set("comments.mode", "summary");  // not locked: the pipeline's value wins
  BOOST_TEST(store.get("comments.mode") == "summary");
}

BOOST_AUTO_TEST_CASE(host_keys_set_by_the_admin_are_locked_by_default) {
  const AdminFile admin(
      "cibatch:\n"
      "  host:\n"
      "    kind: bitbucket-cloud\n"
      "    api_url: https://api.bitbucket.org/2.0\n"
      "  tls: { ca_file: /etc/ssl/corp.pem }\n"
      "  proxy: http://proxy.internal:3128\n"
      "  sonar: { url: https://sonar.corp.example }\n");
  ConfigStore store = store_with_admin_layer();
  const std::string pipeline =
      "cibatch:\n"
      "  host:\n"
      "    api_url: https://evil.example/2.0\n";
  BOOST_TEST(config_error([&] { store.load_yaml(pipeline); }, Code::locked) ==
             "<yaml>:3:5: host.api_url is locked by the administrator's file " + admin.path);
  BOOST_TEST(config_error([&] { store.set("tls.ca_file", "mine.pem"); }, Code::locked) ==
             "cib_config_set: tls.ca_file is locked by the administrator's file " + admin.path);
  config_error([&] { store.set("proxy", "http://other.example:1"); }, Code::locked);
  // The Sonar token goes to sonar.url: a pipeline may not point it elsewhere.
  config_error([&] { store.set("sonar.url", "https://evil.example"); }, Code::locked);
  store.set("sonar.comment", "true");
  BOOST_TEST(store.get("host.api_url") == "https://api.bitbucket.org/2.0");
  // Keys of those groups that the admin left alone stay open.
  store.set("host.auth.token", "pipeline-token");
  store.set("tls.verify", "false");
}

BOOST_AUTO_TEST_CASE(the_lock_list_locks_keys_and_groups) {
  const AdminFile admin("cibatch:\n  lock: [batching.linger_ms, comments]\n");
  ConfigStore store = store_with_admin_layer();
  config_error([&] { store.set("batching.linger_ms", "1"); }, Code::locked);
  config_error([&] { store.set("comments.mode", "append"); }, Code::locked);
  store.set("batching.max_delay_ms", "1");
  BOOST_TEST(store.get("comments.mode") == "upsert");
}

BOOST_AUTO_TEST_CASE(a_lock_list_next_to_the_cibatch_mapping_counts_too) {
  const AdminFile admin("lock: [dedup]\ncibatch:\n  dedup: { trust_s: 60 }\n");
  ConfigStore store = store_with_admin_layer();
  config_error([&] { store.set("dedup.trust_s", "0"); }, Code::locked);
}

BOOST_AUTO_TEST_CASE(an_unknown_lock_entry_names_its_position) {
  const AdminFile admin("cibatch:\n  lock:\n    - comments\n    - batchng\n");
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.load_admin_layer(); }, Code::unknown_key)
                 .rfind(admin.path + ":4:7: batchng: unknown key", 0) == 0);
}

BOOST_AUTO_TEST_CASE(an_admin_error_names_the_admin_file_position) {
  const AdminFile admin("cibatch:\n  batching:\n    max_pending: none\n");
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.load_admin_layer(); }, Code::invalid_value) ==
             admin.path + ":3:5: batching.max_pending: expected a positive integer, got \"none\"");
}

BOOST_AUTO_TEST_CASE(without_an_admin_file_nothing_is_locked) {
  const test::ScopedEnv env(kAdminVariable, std::nullopt);
  if (std::filesystem::exists("/etc/cibatch/cibatch.yml")) {
    BOOST_TEST_MESSAGE("this machine has an administrator's file; nothing to check");
    return;
  }
  ConfigStore store = store_with_admin_layer();
  store.set("host.api_url", "https://anything.example/api");
  store.set("tls.verify", "false");
  BOOST_TEST(store.get("host.api_url") == "https://anything.example/api");
}

BOOST_AUTO_TEST_CASE(a_missing_file_named_by_the_variable_is_an_error) {
  const test::TempDir dir;
  const test::ScopedEnv env(kAdminVariable, dir.path("absent.yml"));
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.load_admin_layer(); }, Code::syntax) ==
             "CIBATCH_ADMIN_CONFIG names \"" + dir.path("absent.yml") + "\", which does not exist");
}

BOOST_AUTO_TEST_CASE(api_url_must_be_under_the_allowed_prefixes) {
  const AdminFile admin(
      "cibatch:\n"
      "  host:\n"
      "    allowed_urls:\n"
      "      - https://api.bitbucket.org/2.0\n"
      "      - https://bitbucket.corp.example\n");
  ConfigStore store = store_with_admin_layer();
  store.set("host.api_url", "https://bitbucket.corp.example/rest/api/1.0");
  store.set("host.api_url", "https://api.bitbucket.org/2.0");
  BOOST_TEST(config_error(
                 [&] {
                   store.load_yaml(
                       "cibatch:\n  host:\n    api_url: "
                       "https://bitbucket.corp.example.evil.net/x\n");
                 },
                 Code::invalid_value) ==
             "<yaml>:3:5: host.api_url: \"https://bitbucket.corp.example.evil.net/x\" is not "
             "under host.allowed_urls: https://api.bitbucket.org/2.0,"
             "https://bitbucket.corp.example (set at " +
                 admin.path + ":3:5)");
  config_error([&] { store.set("host.allowed_urls", "https://evil.example"); }, Code::locked);
}

BOOST_AUTO_TEST_CASE(allowed_urls_are_checked_again_when_settings_are_built) {
  ConfigStore store;
  store.set("host.kind", "bitbucket-cloud");
  store.set("host.auth.token", "t");
  store.set("host.api_url", "https://api.bitbucket.org/2.0");
  store.set("host.allowed_urls", "https://bitbucket.corp.example/rest");  // set after the URL
  BOOST_TEST(
      config_error([&] { store.settings(); }, Code::invalid_value)
          .rfind("cib_config_set: host.api_url: \"https://api.bitbucket.org/2.0\" is not under "
                 "host.allowed_urls",
                 0) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
