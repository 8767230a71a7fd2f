#include <boost/test/unit_test.hpp>
#include <string>
#include <utility>
#include <vector>

#include "config/config_store.h"
#include "config_test_support.h"

namespace cib {
namespace {

using test::config_error;
using Code = ConfigError::Code;

// A stand-in token. Compared inside extra parentheses, so a failing check does not print it.
constexpr const char* kSecret = "tok-0123456789-do-not-print";

using test::bitbucket_store;

BOOST_AUTO_TEST_SUITE(settings_snapshot)

BOOST_AUTO_TEST_CASE(missing_required_keys_are_named) {
  ConfigStore store;
  BOOST_TEST(
      config_error([&] { store.settings(); }, Code::missing).rfind("host.kind: required", 0) == 0);
  store.set("host.kind", "bitbucket-cloud");
  BOOST_TEST(config_error([&] { store.settings(); }, Code::missing)
                 .rfind("host.auth.token_file: required, but not set (host.auth.type is bearer: "
                        "set host.auth.token or host.auth.token_file)",
                        0) == 0);
  store.set("host.auth.type", "basic");
  BOOST_TEST(
      config_error([&] { store.settings(); }, Code::missing).rfind("host.auth.user: required", 0) ==
      0);
  store.set("host.auth.user", "ci");
  BOOST_TEST(config_error([&] { store.settings(); }, Code::missing)
                 .rfind("host.auth.password: required", 0) == 0);
  store.set("host.auth.password", "pw");
  const Settings s = store.settings();
  BOOST_TEST((s.auth_type == AuthType::basic));
  BOOST_TEST(s.auth_user == "ci");
  BOOST_TEST(s.auth_password == "pw");
}

// Every host kind is built; without host.api_url each but Bitbucket Data Center has its own.
BOOST_AUTO_TEST_CASE(every_host_kind_is_accepted_with_its_default_api_url) {
  ConfigStore store;
  store.set("host.auth.token", "literal-token-value");
  for (const auto& [kind, url] : std::vector<std::pair<std::string, std::string>>{
           {"bitbucket-cloud", "https://api.bitbucket.org/2.0"},
           {"github", "https://api.github.com"},
           {"gitlab", "https://gitlab.com/api/v4"}}) {
    store.set("host.kind", kind);
    BOOST_TEST(store.settings().api_url == url, kind);
  }
  store.set("host.kind", "bitbucket-dc");
  store.set("host.api_url", "https://bb.corp.example/");
  const Settings dc = store.settings();
  BOOST_TEST((dc.host_kind == HostKind::bitbucket_dc));
  BOOST_TEST(dc.api_url == "https://bb.corp.example");
  store.set("host.kind", "github");
  store.set("host.api_url", "https://ghe.corp.example/api/v3");
  BOOST_TEST(store.settings().api_url == "https://ghe.corp.example/api/v3");
}

BOOST_AUTO_TEST_CASE(bitbucket_dc_without_an_api_url_is_refused_where_its_kind_was_set) {
  ConfigStore store;
  store.set("host.auth.token", "literal-token-value");
  store.load_yaml("cibatch:\n  host:\n    kind: bitbucket-dc\n");
  BOOST_TEST(config_error([&] { store.settings(); }, Code::missing) ==
             "<yaml>:3:5: host.api_url: required, but not set (host.kind bitbucket-dc has no "
             "default: set the server's base URL, e.g. https://bb.corp.example)");
}

// host.allowed_urls bounds the URL the client uses, also when it is the kind's default.
BOOST_AUTO_TEST_CASE(allowed_urls_apply_to_the_default_api_url) {
  ConfigStore store;
  store.set("host.auth.token", "literal-token-value");
  store.set("host.allowed_urls", "https://ghe.corp.example/api/v3");
  store.load_yaml("cibatch:\n  host:\n    kind: github\n");
  BOOST_TEST(config_error([&] { store.settings(); }, Code::invalid_value) ==
             "<yaml>:3:5: host.api_url: \"https://api.github.com\" is not under "
             "host.allowed_urls: https://ghe.corp.example/api/v3 (set at cib_config_set)");
  store.set("host.api_url", "https://ghe.corp.example/api/v3");
  BOOST_TEST(store.settings().api_url == "https://ghe.corp.example/api/v3");
}

BOOST_AUTO_TEST_CASE(a_missing_host_kind_names_the_built_ones) {
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.settings(); }, Code::missing) ==
             "host.kind: required, but not set (accepted: bitbucket-cloud, bitbucket-dc, github, "
             "gitlab)");
}

BOOST_AUTO_TEST_CASE(plain_http_is_refused_for_remote_hosts) {
  ConfigStore store = test::minimal_store();
  store.load_yaml("cibatch:\n  host:\n    api_url: http://bitbucket.corp.example/rest\n");
  BOOST_TEST(config_error([&] { store.settings(); }, Code::invalid_value) ==
             "<yaml>:3:5: host.api_url: plain http:// would send the credential unencrypted to "
             "\"bitbucket.corp.example\"; use https://, or set tls.allow_insecure_http: true");
  store.set("tls.allow_insecure_http", "true");
  BOOST_TEST(store.settings().api_url == "http://bitbucket.corp.example/rest");
}

BOOST_AUTO_TEST_CASE(plain_http_is_allowed_for_loopback_hosts) {
  ConfigStore store = test::minimal_store();
  for (const char* url : {"http://127.0.0.1:8080/2.0", "http://127.5.6.7/", "http://[::1]:9/x",
                          "http://localhost:1234", "http://LOCALHOST/"}) {
    store.set("host.api_url", url);
    BOOST_TEST(store.settings().api_url.rfind("http://", 0) == 0u, url);
  }
  for (const char* url : {"http://128.0.0.1/", "http://localhost.evil.net/", "http://[::2]/",
                          "http://127.0.0.1.nip.io/"}) {
    store.set("host.api_url", url);
    config_error([&] { store.settings(); }, Code::invalid_value);
  }
}

BOOST_AUTO_TEST_CASE(env_references_expand_in_credentials_only) {
  const test::ScopedEnv token("CIB_TEST_TOKEN", std::string(kSecret));
  const test::ScopedEnv user("CIB_TEST_USER", std::string("robot"));
  ConfigStore store = bitbucket_store();
  store.set("host.auth.token", "${CIB_TEST_TOKEN}");
  BOOST_TEST((store.settings().auth_token == kSecret));
  BOOST_TEST(store.get("host.auth.token") == "${CIB_TEST_TOKEN}");  // a reference, not a secret
  store.set("host.auth.type", "basic");
  store.set("host.auth.user", "ci-${CIB_TEST_USER}");
  store.set("host.auth.password", "${CIB_TEST_TOKEN}");
  const Settings s = store.settings();
  BOOST_TEST(s.auth_user == "ci-robot");
  BOOST_TEST((s.auth_password == kSecret));
  BOOST_TEST(store.get("host.auth.user") == "ci-${CIB_TEST_USER}");
}

// The Sonar token is a credential like the host's: expanded from the environment, never shown,
// and never sent over plain http to a remote server.
BOOST_AUTO_TEST_CASE(sonar_keys_expand_the_token_and_check_the_url) {
  const test::ScopedEnv token("CIB_TEST_SONAR", std::string(kSecret));
  ConfigStore store = test::minimal_store();
  BOOST_TEST(store.settings().sonar_url.empty());
  BOOST_TEST(store.settings().sonar_wait_timeout_ms == 300000);
  BOOST_TEST(!store.settings().sonar_comment);
  store.load_yaml(
      "cibatch:\n  sonar:\n    url: http://sonar.corp.example/\n    token: \"${CIB_TEST_SONAR}\"\n"
      "    organization: acme\n    comment: true\n");
  BOOST_TEST(config_error([&] { store.settings(); }, Code::invalid_value) ==
             "<yaml>:3:5: sonar.url: plain http:// would send the credential unencrypted to "
             "\"sonar.corp.example\"; use https://, or set tls.allow_insecure_http: true");
  store.set("sonar.url", "http://127.0.0.1:9000/");
  const Settings s = store.settings();
  BOOST_TEST(s.sonar_url == "http://127.0.0.1:9000");
  BOOST_TEST((s.sonar_token == kSecret));
  BOOST_TEST(s.sonar_organization == "acme");
  BOOST_TEST(s.sonar_comment);
  BOOST_TEST(store.get("sonar.token") == "${CIB_TEST_SONAR}");
  const test::ScopedEnv unset("CIB_TEST_SONAR", std::nullopt);
  const std::string message = config_error([&] { store.settings(); }, Code::invalid_value);
  BOOST_TEST(message.rfind("<yaml>:4:5: sonar.token: environment variable ", 0) == 0u);
  BOOST_TEST(message.find("is not set") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unset_variable_is_quoted_never_expanded) {
  const test::ScopedEnv set_one("CIB_TEST_SET", std::string(kSecret));
  const test::ScopedEnv unset_one("CIB_TEST_UNSET", std::nullopt);
  ConfigStore store = bitbucket_store();
  store.load_yaml(
      "cibatch:\n  host:\n    auth:\n      token: \"${CIB_TEST_SET}${CIB_TEST_UNSET}\"\n");
  const std::string message = config_error([&] { store.settings(); }, Code::invalid_value);
  BOOST_TEST(message ==
             "<yaml>:4:7: host.auth.token: environment variable ${CIB_TEST_UNSET} is not set");
  BOOST_TEST(message.find(kSecret) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_expanded_secret_never_reaches_a_message) {
  const test::ScopedEnv multi_line("CIB_TEST_MULTI", std::string(kSecret) + "\nsecond");
  ConfigStore store = bitbucket_store();
  store.set("host.auth.token", "${CIB_TEST_MULTI}");
  const std::string message = config_error([&] { store.settings(); }, Code::invalid_value);
  BOOST_TEST(message.find(kSecret) == std::string::npos);
  BOOST_TEST(message.find("host.auth.token") != std::string::npos);
  const test::ScopedEnv empty("CIB_TEST_EMPTY", std::string());
  store.set("host.auth.token", "${CIB_TEST_EMPTY}");
  BOOST_TEST(config_error([&] { store.settings(); }, Code::invalid_value) ==
             "cib_config_set: host.auth.token: its environment variables expand to nothing");
}

BOOST_AUTO_TEST_CASE(the_token_file_is_read_and_trimmed) {
  const test::TempDir dir;
  const std::string path = dir.write("token", std::string("\n  ") + kSecret + "  \n");
  const test::ScopedEnv dir_variable("CIB_TEST_DIR", dir.path(""));
  ConfigStore store = bitbucket_store();
  store.set("host.auth.token_file", "${CIB_TEST_DIR}token");
  const Settings s = store.settings();
  BOOST_TEST((s.auth_token == kSecret));
  BOOST_TEST(s.auth_token_file == path);
  store.set("host.auth.token", "explicit");  // an explicit token wins over the file
  BOOST_TEST(store.settings().auth_token == "explicit");
}

BOOST_AUTO_TEST_CASE(token_file_errors_name_the_path_but_not_the_token) {
  const test::TempDir dir;
  ConfigStore store = bitbucket_store();
  const std::string absent = dir.path("absent");
  store.set("host.auth.token_file", absent);
  BOOST_TEST(config_error([&] { store.settings(); }, Code::invalid_value) ==
             "cib_config_set: host.auth.token_file: cannot read \"" + absent +
                 "\": No such file or directory");
  const std::string blank = dir.write("blank", " \n\t\n");
  store.set("host.auth.token_file", blank);
  BOOST_TEST(config_error([&] { store.settings(); }, Code::invalid_value) ==
             "cib_config_set: host.auth.token_file: \"" + blank + "\" holds no token");
  const std::string two_lines = dir.write("two", std::string(kSecret) + "\nline2\n");
  store.set("host.auth.token_file", two_lines);
  const std::string message = config_error([&] { store.settings(); }, Code::invalid_value);
  BOOST_TEST(message.find(kSecret) == std::string::npos);
  BOOST_TEST(message.find(two_lines) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_token_file_path_from_the_environment_is_shown_unexpanded) {
  const test::ScopedEnv dir_variable("CIB_TEST_TOKEN_DIR", std::string("/nonexistent-cib-dir"));
  ConfigStore store = bitbucket_store();
  store.set("host.auth.token_file", "${CIB_TEST_TOKEN_DIR}/token");
  const std::string message = config_error([&] { store.settings(); }, Code::invalid_value);
  BOOST_TEST(message ==
             "cib_config_set: host.auth.token_file: cannot read "
             "\"${CIB_TEST_TOKEN_DIR}/token\" (expanded from the environment): No "
             "such file or directory");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
