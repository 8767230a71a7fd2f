// What a pull request's author can write into the pipeline's YAML, against an administrator's
// file: locked keys of every group, TLS and proxy settings, an API URL outside the allow list,
// and a redirected administrator's credential. Every attempt is refused with a `locked` or
// `invalid_value` error, and the administrator's values stay.
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

using test::AdminFile;

ConfigStore with_admin(const AdminFile&) {
  ConfigStore store;
  store.load_admin_layer();
  return store;
}

// The pipeline's YAML for one key: "cibatch:\n  a:\n    b: value\n" for "a.b".
std::string pipeline_yaml(const std::string& key, const std::string& value) {
  std::string yaml = "cibatch:\n";
  std::string indent = "  ";
  std::size_t start = 0;
  for (std::size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', start)) {
    yaml += indent + key.substr(start, dot - start) + ":\n";
    indent += "  ";
    start = dot + 1;
  }
  return yaml + indent + key.substr(start) + ": \"" + value + "\"\n";
}

// Both ways in, cib_config_set and a pipeline's YAML, are refused as locked.
void refused_as_locked(ConfigStore& store, const std::string& key, const std::string& value) {
  BOOST_TEST_CONTEXT(key << " = " << value) {
    config_error([&] { store.set(key, value); }, Code::locked);
    config_error([&] { store.load_yaml(pipeline_yaml(key, value)); }, Code::locked);
  }
}

struct Attempt {
  std::string key;
  std::string value;
};

BOOST_AUTO_TEST_SUITE(pipeline_attacks)

BOOST_AUTO_TEST_CASE(every_group_the_admin_sets_is_locked) {
  const AdminFile admin(
      "cibatch:\n"
      "  host: {kind: gitlab, api_url: 'https://gitlab.corp.example/api/v4',"
      " allowed_urls: [https://gitlab.corp.example]}\n"
      "  tls: {verify: true, ca_file: /etc/ssl/corp.pem, allow_insecure_http: false}\n"
      "  proxy: http://proxy.corp.example:3128\n"
      "  spool: {path: /var/lib/cibatch/spool.db, sync: always, max_mb: 64}\n"
      "  budget: {path: /var/lib/cibatch/budget.db, limit: 500, reserve: 100}\n"
      "  sonar: {url: 'https://sonar.corp.example'}\n");
  ConfigStore store = with_admin(admin);
  const std::vector<Attempt> attempts = {
      {"host.kind", "bitbucket-cloud"},
      {"host.api_url", "https://gitlab.corp.example/api/v4"},
      {"host.allowed_urls", "https://evil.example"},
      {"tls.verify", "false"},
      {"tls.ca_file", "/tmp/mine.pem"},
      {"tls.allow_insecure_http", "true"},
      {"proxy", "http://evil.example:8080"},
      {"spool.path", "/tmp/spool.db"},
      {"spool.sync", "off"},
      {"spool.max_mb", "0"},
      {"budget.path", "/tmp/budget.db"},
      {"budget.limit", "0"},
      {"budget.reserve", "0"},
      {"sonar.url", "https://evil.example"},
  };
  for (const Attempt& attempt : attempts) refused_as_locked(store, attempt.key, attempt.value);
  BOOST_TEST(store.get("tls.verify") == "true");
  BOOST_TEST(store.get("proxy") == "http://proxy.corp.example:3128");
  BOOST_TEST(store.get("spool.sync") == "always");
  store.set("batching.linger_ms", "10");  // a group the administrator does not protect
}

BOOST_AUTO_TEST_CASE(a_locked_group_covers_keys_the_admin_left_unset) {
  const AdminFile admin("cibatch:\n  lock: [tls, proxy, host.allowed_urls]\n");
  ConfigStore store = with_admin(admin);
  for (const Attempt& attempt : std::vector<Attempt>{{"tls.verify", "false"},
                                                     {"tls.allow_insecure_http", "true"},
                                                     {"tls.ca_file", "/tmp/evil-ca.pem"},
                                                     {"proxy", "http://evil.example:8080"},
                                                     {"host.allowed_urls", "https://evil"}}) {
    refused_as_locked(store, attempt.key, attempt.value);
  }
  BOOST_TEST(store.get("tls.verify") == "true");
  BOOST_TEST(store.get("proxy").empty());
}

BOOST_AUTO_TEST_CASE(an_admin_credential_cannot_be_sent_elsewhere_or_less_safely) {
  const AdminFile admin(
      "cibatch:\n"
      "  host: {auth: {token: '${CIB_ADMIN_TOKEN}'}}\n"
      "  sonar: {token: '${CIB_ADMIN_SONAR_TOKEN}'}\n");
  ConfigStore store = with_admin(admin);
  for (const Attempt& attempt : std::vector<Attempt>{{"host.api_url", "https://evil.example/2.0"},
                                                     {"host.kind", "gitlab"},
                                                     {"tls.verify", "false"},
                                                     {"tls.ca_file", "/tmp/evil-ca.pem"},
                                                     {"tls.allow_insecure_http", "true"},
                                                     {"proxy", "http://evil.example:8080"},
                                                     {"sonar.url", "https://evil.example"},
                                                     {"host.auth.token", "mine"}}) {
    refused_as_locked(store, attempt.key, attempt.value);
  }
  store.set("comments.mode", "append");
}

BOOST_AUTO_TEST_CASE(a_pipeline_credential_leaves_tls_open_to_the_pipeline) {
  const AdminFile admin("cibatch:\n  host: {auth: {type: bearer}}\n  batching: {linger_ms: 5}\n");
  ConfigStore store = with_admin(admin);
  store.set("host.api_url", "https://gitlab.example/api/v4");
  store.set("tls.ca_file", "/etc/ssl/mine.pem");
}

BOOST_AUTO_TEST_CASE(no_yaml_spelling_reaches_a_locked_key) {
  const AdminFile admin(
      "cibatch:\n  tls: {verify: true}\n  host: {api_url: 'https://a.example'}\n");
  ConfigStore store = with_admin(admin);
  const std::vector<std::pair<std::string, Code>> documents = {
      {"cibatch:\n  tls.verify: false\n", Code::locked},
      {"cibatch:\n  \"tls\": {\"verify\": false}\n", Code::locked},
      {"cibatch:\n  tls: {verify: true}\n  tls: {verify: false}\n", Code::locked},
      {"defaults: &d {verify: false}\ncibatch:\n  tls: *d\n", Code::locked},
      {"defaults: &d {verify: false}\ncibatch:\n  tls:\n    <<: *d\n", Code::unknown_key},
      {"steps:\n  - script: make\n    cibatch:\n      tls: {verify: false}\n", Code::locked},
      {"cibatch:\n  host:\n    api_url: https://a.example\n", Code::locked},
  };
  for (const auto& [yaml, code] : documents) {
    BOOST_TEST_CONTEXT(yaml) {
      config_error([&] { store.load_yaml(yaml); }, code);
    }
  }
  BOOST_TEST(store.get("tls.verify") == "true");
  BOOST_TEST(store.get("host.api_url") == "https://a.example");
}

BOOST_AUTO_TEST_CASE(api_url_dressed_up_as_an_allowed_one_is_refused) {
  const AdminFile admin(
      "cibatch:\n  host:\n    allowed_urls: [https://api.bitbucket.org/2.0, "
      "https://bitbucket.org]\n");
  ConfigStore store = with_admin(admin);
  const std::vector<std::string> attacks = {
      "https://bitbucket.org.evil.com",
      "https://bitbucket.xn--org-9o0a.evil.com",
      "https://xn--bitbcket-n2a.org",
      "https://bitb\xC3\xBC"
      "cket.org",
      "https://\xD0\xB0pi.bitbucket.org/2.0",
      "https://api.bitbucket.org@evil.com/2.0",
      "https://good@evil",
      "https://[::1]/",
      "https://[::ffff:127.0.0.1]",
      "https://api.bitbucket.org.evil.com/2.0",
      "https://api.bitbucket.org/2.0evil",
      "https://api.bitbucket.org:8443/2.0",
      "http://api.bitbucket.org/2.0",
      "https://api.bitbucket.org/2.0/%2e%2e/%2e%2e/evil",
      "https://api.bitbucket.org%40evil.com/2.0",
      "https://api.bitbucket.org\\@evil.com/2.0",
      "https://api.bitbucket.org/2.0\\..\\..\\evil",
      "https://api.bitbucket.org/2.0 https://evil",
      "https://api.bitbucket.org/2.0\r\nX: y",
      "HTTPS://API.Bitbucket.ORG.evil.com/2.0",
  };
  for (const std::string& url : attacks) {
    BOOST_TEST_CONTEXT(url) {
      config_error([&] { store.set("host.api_url", url); }, Code::invalid_value);
    }
  }
  store.set("host.api_url", "HTTPS://API.Bitbucket.ORG/2.0");  // mixed case: the same URL
  store.set("host.api_url", "https://api.bitbucket.org./2.0");
  store.set("host.api_url", "https://bitbucket.org/!api/2.0");
  BOOST_TEST(store.get("host.api_url") == "https://bitbucket.org/!api/2.0");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
