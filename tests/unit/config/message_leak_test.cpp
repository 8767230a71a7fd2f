// No configuration message prints an expanded ${ENV} value or any part of a secret: unknown
// keys, bad values, YAML errors, file errors and credential expansion, set through
// cib_config_set, a pipeline's YAML and the administrator's file.
#include <boost/test/unit_test.hpp>
#include <functional>
#include <string>
#include <vector>

#include "config/config_store.h"
#include "config_test_support.h"

namespace cib {
namespace {

using test::config_error;
using Code = ConfigError::Code;

constexpr const char* kSecret = "Zq8Wx41vKp0Lm7Rt";
constexpr std::size_t kPart = 5;  // no run of this many of the secret's characters may show

// True when message holds kPart or more consecutive characters of secret.
bool shows_part_of(const std::string& message, const std::string& secret) {
  for (std::size_t i = 0; i + kPart <= secret.size(); ++i) {
    if (message.find(secret.substr(i, kPart)) != std::string::npos) return true;
  }
  return false;
}

void leaks_nothing(const std::function<void()>& action, Code code) {
  const std::string message = config_error(action, code);
  BOOST_TEST(!message.empty());
  BOOST_TEST(!shows_part_of(message, kSecret), message);
}

using test::bitbucket_store;

BOOST_AUTO_TEST_SUITE(message_leaks)

BOOST_AUTO_TEST_CASE(bad_values_of_secret_keys_and_their_neighbours_show_no_secret) {
  const std::string s = kSecret;
  ConfigStore store;
  leaks_nothing([&] { store.set("host.auth.token", s + "\n" + s); }, Code::invalid_value);
  leaks_nothing([&] { store.set("host.auth.password", "${" + s + "-}"); }, Code::invalid_value);
  leaks_nothing([&] { store.set("sonar.token", s + "\r"); }, Code::invalid_value);
  leaks_nothing([&] { store.set("host.auth.type", s); }, Code::invalid_value);
  leaks_nothing([&] { store.set("proxy", "http://me:" + s + "@proxy:3128"); }, Code::invalid_value);
  leaks_nothing([&] { store.set("proxy", s); }, Code::invalid_value);
  leaks_nothing([&] { store.set("host.api_url", "https://me:" + s + "@api.bitbucket.org/2.0"); },
                Code::invalid_value);
  leaks_nothing([&] { store.set("sonar.url", "https://" + s + "@sonar.example"); },
                Code::invalid_value);
  leaks_nothing([&] { store.set("budget.shared", "redis://:" + s + "@host:99999/0"); },
                Code::invalid_value);
  leaks_nothing([&] { store.set("budget.shared", "redis://:" + s + "\n@host:6379/0"); },
                Code::invalid_value);
}

BOOST_AUTO_TEST_CASE(an_unknown_key_next_to_a_secret_shows_neither) {
  ConfigStore store;
  store.set("host.auth.token", kSecret);
  leaks_nothing([&] { store.set("host.auth.tokn", kSecret); }, Code::unknown_key);
  leaks_nothing(
      [&] {
        store.load_yaml(std::string("cibatch:\n  host:\n    auth:\n      tokne: ") + kSecret +
                        "\n");
      },
      Code::unknown_key);
  leaks_nothing([&] { store.set(kSecret, "x"); }, Code::unknown_key);
}

BOOST_AUTO_TEST_CASE(yaml_errors_around_a_secret_show_none_of_it) {
  const std::string s = kSecret;
  ConfigStore store;
  leaks_nothing(
      [&] { store.load_yaml("cibatch:\n  host:\n    auth:\n      token: [" + s + "]\n"); },
      Code::invalid_value);
  leaks_nothing(
      [&] { store.load_yaml("cibatch:\n  host:\n    auth:\n      token: {a: " + s + "}\n"); },
      Code::invalid_value);
  leaks_nothing(
      [&] { store.load_yaml("cibatch:\n  host:\n    auth:\n      token: [\"" + s + "\", \n"); },
      Code::syntax);
  leaks_nothing(
      [&] {
        store.load_yaml("cibatch:\n  host:\n    auth:\n      token: '" + s + "'\n      bad: [\n");
      },
      Code::syntax);
}

BOOST_AUTO_TEST_CASE(expanded_variables_show_in_no_message) {
  const test::ScopedEnv multi("CIB_LEAK_MULTI", std::string(kSecret) + "\n" + kSecret);
  const test::ScopedEnv path("CIB_LEAK_PATH", std::string("/nonexistent/") + kSecret);
  const test::ScopedEnv one("CIB_LEAK_ONE", kSecret);
  ConfigStore token = bitbucket_store();
  token.set("host.auth.token", "${CIB_LEAK_MULTI}");
  leaks_nothing([&] { token.settings(); }, Code::invalid_value);

  ConfigStore file = bitbucket_store();
  file.set("host.auth.token_file", "${CIB_LEAK_PATH}");
  leaks_nothing([&] { file.settings(); }, Code::invalid_value);

  ConfigStore basic = bitbucket_store();
  basic.set("host.auth.type", "basic");
  basic.set("host.auth.user", "${CIB_LEAK_ONE}");
  basic.set("host.auth.password", "${CIB_LEAK_UNSET_VARIABLE}");
  leaks_nothing([&] { basic.settings(); }, Code::invalid_value);

  ConfigStore elsewhere;
  leaks_nothing([&] { elsewhere.set("spool.path", "${CIB_LEAK_ONE}"); }, Code::invalid_value);
}

BOOST_AUTO_TEST_CASE(a_token_file_with_a_bad_secret_shows_none_of_it) {
  const test::TempDir dir;
  ConfigStore store = bitbucket_store();
  store.set("host.auth.token_file", dir.write("token", std::string(kSecret) + "\n" + kSecret));
  leaks_nothing([&] { store.settings(); }, Code::invalid_value);
}

BOOST_AUTO_TEST_CASE(the_admin_file_errors_show_no_secret) {
  const test::TempDir dir;
  const test::ScopedEnv env(
      "CIBATCH_ADMIN_CONFIG",
      dir.write("admin.yml", std::string("cibatch:\n  host:\n    auth: {token: '") + kSecret +
                                 "'}\n  sonar: {token: [" + kSecret + "]}\n"));
  ConfigStore store;
  leaks_nothing([&] { store.load_admin_layer(); }, Code::invalid_value);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
