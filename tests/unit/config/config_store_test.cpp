#include "config/config_store.h"

#include <boost/test/unit_test.hpp>

#include "config_test_support.h"

namespace cib {
namespace {

using test::config_error;
using Code = ConfigError::Code;

// Stand-in secrets. Compared inside extra parentheses, so a failing check does not print them.
constexpr const char* kToken = "tok-0123456789-do-not-print";
constexpr const char* kPassword = "pw-9876543210";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

BOOST_AUTO_TEST_SUITE(config_store)

BOOST_AUTO_TEST_CASE(known_secret_values_are_redacted_from_every_message) {
  ConfigStore store;
  store.set("host.auth.token", kToken);
  const std::string set =
      config_error([&] { store.set("tls.verify", kToken); }, Code::invalid_value);
  BOOST_TEST((!contains(set, kToken)), "the token is in the message");
  BOOST_TEST(set == "cib_config_set: tls.verify: expected true or false, got \"<secret>\"");

  const std::string yaml = config_error(
      [&] {
        store.load_yaml(std::string("cibatch:\n  host: {auth: {password: ") + kPassword +
                        "}}\n  spool: {group: \"" + kPassword + "\\t\"}\n");
      },
      Code::invalid_value);
  BOOST_TEST((!contains(yaml, kPassword)), "the password is in the message");
  BOOST_TEST(contains(yaml, "<yaml>:3:11: spool.group: expected one line of text"), yaml);
}

BOOST_AUTO_TEST_CASE(an_expanded_secret_is_redacted_when_it_reaches_a_message) {
  const test::ScopedEnv env("CIB_TEST_TOKEN_VALUE", std::string(kToken));
  ConfigStore store = test::minimal_store();
  store.set("host.auth.token", "${CIB_TEST_TOKEN_VALUE}");
  (void)store.settings();
  const std::string message =
      config_error([&] { store.set("tls.verify", kToken); }, Code::invalid_value);
  BOOST_TEST((!contains(message, kToken)), "the token is in the message");
}

BOOST_AUTO_TEST_CASE(the_password_of_budget_shared_is_redacted_from_messages) {
  ConfigStore store;
  store.set("budget.shared", "redis://ci:p%40ss-0123456789@redis.internal:6380/1");
  for (const char* password : {"p%40ss-0123456789", "p@ss-0123456789"}) {
    const std::string message =
        config_error([&] { store.set("tls.verify", password); }, Code::invalid_value);
    BOOST_TEST((!contains(message, password)), "the password is in the message");
    BOOST_TEST((contains(message, "<secret>")));
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
