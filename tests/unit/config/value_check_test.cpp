#include "config/value_check.h"

#include <boost/test/unit_test.hpp>

#include "config/config_store.h"
#include "config_test_support.h"

namespace cib {
namespace {

using test::config_error;
using Code = ConfigError::Code;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

BOOST_AUTO_TEST_SUITE(value_check)

BOOST_AUTO_TEST_CASE(a_token_typed_into_auth_type_is_not_echoed) {
  ConfigStore store;
  BOOST_TEST(
      config_error([&] { store.set("host.auth.type", "ghp_Abc123SecretToken"); },
                   Code::invalid_value) ==
      "cib_config_set: host.auth.type: expected one of bearer, basic, github-app, got an unknown "
      "value of 21 characters");
  // A near miss of a choice is a typo worth showing.
  BOOST_TEST(
      config_error([&] { store.set("host.auth.type", "Bearer"); }, Code::invalid_value) ==
      "cib_config_set: host.auth.type: expected one of bearer, basic, github-app, got \"Bearer\"");
  BOOST_TEST(config_error([&] { store.set("host.kind", "sourceforge-enterprise-edition"); },
                          Code::invalid_value) ==
             "cib_config_set: host.kind: expected one of bitbucket-cloud, bitbucket-dc, github, "
             "gitlab, got an unknown value of 30 characters");
}

BOOST_AUTO_TEST_CASE(values_next_to_credentials_are_never_quoted) {
  ConfigStore store;
  for (const char* key : {"host.auth.user", "host.auth.token_file"}) {
    const std::string message =
        config_error([&] { store.set(key, "hunter2\nsecond line"); }, Code::invalid_value);
    BOOST_TEST(!contains(message, "hunter2"), message);
    BOOST_TEST(contains(message, "a value of 19 characters"), message);
  }
  const std::string proxy =
      config_error([&] { store.set("proxy", "user:hunter2@proxy.internal"); }, Code::invalid_value);
  BOOST_TEST(!contains(proxy, "hunter2"), proxy);
  const std::string api = config_error(
      [&] { store.set("host.api_url", "ftp://u:hunter2@x.example"); }, Code::invalid_value);
  BOOST_TEST(!contains(api, "hunter2"), api);
}

BOOST_AUTO_TEST_CASE(quoted_values_are_short_excerpts) {
  ConfigStore store;
  const std::string message =
      config_error([&] { store.set("tls.verify", std::string(5000, 'v')); }, Code::invalid_value);
  BOOST_TEST(message == "cib_config_set: tls.verify: expected true or false, got \"" +
                            std::string(40, 'v') + "...\"");
}

BOOST_AUTO_TEST_CASE(env_references_outside_host_auth_are_refused) {
  ConfigStore store;
  BOOST_TEST(
      config_error([&] { store.set("spool.path", "${HOME}/spool.db"); }, Code::invalid_value) ==
      "cib_config_set: spool.path: ${...} is expanded only in host.auth.* keys; write the "
      "value itself");
  for (const char* key : {"budget.path", "tls.ca_file", "budget.shared", "spool.group",
                          "budget.account", "host.allowed_urls"}) {
    BOOST_TEST_CONTEXT(key) {
      BOOST_TEST(
          contains(config_error([&] { store.set(key, "${SOME_VARIABLE}"); }, Code::invalid_value),
                   "expanded only in host.auth.*"));
    }
  }
  store.set("host.auth.token", "${TOKEN}");
  store.set("host.auth.token_file", "${HOME}/token");
}

BOOST_AUTO_TEST_CASE(budget_shared_is_checked_as_a_redis_url_when_set) {
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.set("budget.shared", "redis://127.0.0.1:6379/0x"); },
                          Code::invalid_value) ==
             "cib_config_set: budget.shared: a database that is not a non-negative number; "
             "expected redis://[[USER]:PASSWORD@]HOST:PORT[/DB]");
  for (const std::string url : {"redis://:hunter2@host:port/0", "redis://:hunter2/0",
                                "redis://u:hunter2@h:0/1", "redis://hunter2@host"}) {
    BOOST_TEST_CONTEXT(url.size()) {
      const std::string message =
          config_error([&] { store.set("budget.shared", url); }, Code::invalid_value);
      BOOST_TEST(!contains(message, "hunter2"), message);
    }
  }
  BOOST_TEST(contains(
      config_error([&] { store.set("budget.shared", "rediss://h:6380/0"); }, Code::invalid_value),
      "TLS to Redis (rediss://) is not supported"));
  store.set("budget.shared", "redis://:pw@redis.internal:6380/3");
  store.set("budget.shared", "redis://[::1]/0");
  store.set("budget.shared", "");
}

BOOST_AUTO_TEST_CASE(urls_are_checked_as_the_client_will_use_them) {
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.set("proxy", "https://proxy.internal:3128"); },
                          Code::invalid_value) ==
             "cib_config_set: proxy: expected an http:// proxy URL (HTTPS to the host goes "
             "through it with CONNECT)");
  store.set("proxy", "http://proxy.internal:3128");
  BOOST_TEST(contains(config_error([&] { store.set("host.api_url", "https://x.example/2.0?a=1"); },
                                   Code::invalid_value),
                      "host.api_url: expected a URL without a query or fragment"));
  store.set("host.api_url", "https://x.example:8443/2.0");
}

BOOST_AUTO_TEST_CASE(a_path_that_names_a_folder_is_refused_when_set) {
  ConfigStore store;
  for (const char* key : {"spool.path", "budget.path", "tls.ca_file"}) {
    BOOST_TEST_CONTEXT(key) {
      BOOST_TEST(config_error([&] { store.set(key, "/var/lib/cibatch/"); }, Code::invalid_value) ==
                 std::string("cib_config_set: ") + key +
                     ": expected a file, got a folder (\"/var/lib/cibatch/\" ends with '/')");
    }
  }
  store.set("spool.path", "/var/lib/cibatch/spool.db");
  store.set("spool.path", "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
