// host.auth.type github-app: its keys, where each may be wrong, and how the key file is read.
#include <boost/test/unit_test.hpp>
#include <string>

#include "../auth/rsa_test_key.h"
#include "config/config_store.h"
#include "config_test_support.h"

namespace cib {
namespace {

using test::config_error;
using Code = ConfigError::Code;

// A pipeline's YAML for a GitHub App; `auth_extra` adds to (or replaces) its auth keys.
std::string app_yaml(const std::string& key_file, const std::string& kind = "github",
                     const std::string& ids = "app_id: 4242, installation_id: 77, ") {
  return "cibatch:\n"
         "  host:\n"
         "    kind: " +
         kind +
         "\n"
         "    auth: { type: github-app, " +
         ids + "private_key_file: \"" + key_file + "\" }\n";
}

struct AppFixture {
  test::TempDir dir;
  std::string key_file = dir.write("app.pem", test::rsa_test_key().pkcs1_pem);
  ConfigStore store;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(github_app_settings)

BOOST_AUTO_TEST_CASE(a_github_app_fills_its_settings_and_counts_the_installation) {
  AppFixture f;
  f.store.load_yaml(app_yaml(f.key_file));
  const Settings s = f.store.settings();
  BOOST_TEST((s.auth_type == AuthType::github_app));
  BOOST_TEST(s.app_id == 4242);
  BOOST_TEST(s.installation_id == 77);
  BOOST_TEST(s.private_key_file == f.key_file);
  BOOST_TEST(s.api_url == "https://api.github.com");
  BOOST_TEST(s.auth_token.empty());
  BOOST_TEST(s.budget_account == "github-app-installation-77");
  BOOST_TEST((s.github_reports == GithubReports::checks));
  f.store.set("budget.account", "shared-app");
  f.store.set("github.reports", "comment");
  const Settings named = f.store.settings();
  BOOST_TEST(named.budget_account == "shared-app");
  BOOST_TEST((named.github_reports == GithubReports::comment));
}

BOOST_AUTO_TEST_CASE(a_pkcs8_key_and_a_key_file_named_by_a_variable_are_read) {
  AppFixture f;
  const std::string pkcs8 = f.dir.write("pkcs8.pem", test::rsa_test_key().pkcs8_pem);
  const test::ScopedEnv env("CIB_TEST_APP_KEY", pkcs8);
  f.store.load_yaml(app_yaml("${CIB_TEST_APP_KEY}"));
  BOOST_TEST(f.store.settings().private_key_file == pkcs8);
}

BOOST_AUTO_TEST_CASE(github_app_is_refused_for_other_host_kinds_where_it_was_set) {
  AppFixture f;
  f.store.load_yaml(app_yaml(f.key_file, "gitlab"));
  BOOST_TEST(config_error([&] { f.store.settings(); }, Code::invalid_value) ==
             "<yaml>:4:13: host.auth.type: github-app is for host.kind github only (host.kind "
             "is gitlab)");
}

BOOST_AUTO_TEST_CASE(each_missing_app_key_is_named) {
  for (const auto& [ids, missing] :
       {std::pair<std::string, std::string>{"installation_id: 77, ", "host.auth.app_id"},
        {"app_id: 4242, ", "host.auth.installation_id"}}) {
    AppFixture f;
    f.store.load_yaml(app_yaml(f.key_file, "github", ids));
    BOOST_TEST(config_error([&] { f.store.settings(); }, Code::missing) ==
               "<yaml>:4:13: " + missing +
                   ": required, but not set (host.auth.type is github-app)");
  }
  AppFixture f;
  f.store.load_yaml(
      "cibatch:\n  host:\n    kind: github\n"
      "    auth: { type: github-app, app_id: 1, installation_id: 2 }\n");
  BOOST_TEST(config_error([&] { f.store.settings(); }, Code::missing) ==
             "<yaml>:4:13: host.auth.private_key_file: required, but not set (host.auth.type is "
             "github-app)");
}

BOOST_AUTO_TEST_CASE(app_and_installation_ids_are_positive_integers) {
  for (const char* key : {"host.auth.app_id", "host.auth.installation_id"}) {
    for (const char* value : {"0", "-4", "twelve"}) {
      ConfigStore store;
      const std::string message = config_error([&] { store.set(key, value); }, Code::invalid_value);
      BOOST_TEST(message.rfind(std::string("cib_config_set: ") + key + ": expected", 0) == 0u,
                 message);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_key_file_that_holds_no_usable_key_is_named_without_its_content) {
  AppFixture f;
  const std::string pem = test::rsa_test_key().pkcs8_pem;
  const std::string body_line = pem.substr(pem.find('\n') + 1, 40);
  for (const std::string& text : {std::string("ghp_NotAKeyButAToken\n"), pem.substr(0, 500),
                                  test::encrypted_pem(pem), std::string()}) {
    f.dir.write("app.pem", text);
    f.store.load_yaml(app_yaml(f.key_file));
    const std::string message = config_error([&] { f.store.settings(); }, Code::invalid_value);
    BOOST_TEST(
        message.rfind("<yaml>:4:66: host.auth.private_key_file: \"" + f.key_file + "\": ", 0) == 0u,
        message);
    BOOST_TEST((message.find("ghp_NotAKey") == std::string::npos));
    BOOST_TEST((message.find(body_line) == std::string::npos));
  }
}

BOOST_AUTO_TEST_CASE(a_key_file_is_read_under_the_token_file_rules) {
  AppFixture f;
  f.dir.write("big.pem", std::string(17 * 1024, 'k'));
  f.store.load_yaml(app_yaml(f.dir.path("big.pem")));
  BOOST_TEST(config_error([&] { f.store.settings(); }, Code::invalid_value)
                 .find("cannot read it: is larger than 16 KiB") != std::string::npos);
  f.store.load_yaml(app_yaml(f.dir.path("missing.pem")));
  BOOST_TEST(config_error([&] { f.store.settings(); }, Code::invalid_value)
                 .find("cannot read it: No such file or directory") != std::string::npos);

  test::TempDir keys;
  std::string keys_dir = keys.path("x");
  keys_dir.resize(keys_dir.size() - 2);
  const test::AdminFile admin("cibatch:\n  host:\n    auth:\n      token_dirs: [\"" + keys_dir +
                              "\"]\n");
  ConfigStore guarded;
  guarded.load_admin_layer();
  guarded.load_yaml(app_yaml(f.key_file));
  BOOST_TEST(config_error([&] { guarded.settings(); }, Code::invalid_value)
                 .find("is outside the folders host.auth.token_dirs allows") != std::string::npos);
  guarded.load_yaml(app_yaml(keys.write("app.pem", test::rsa_test_key().pkcs1_pem)));
  BOOST_TEST(guarded.settings().installation_id == 77);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
