// The secret handling a client relies on: header values redacted from log lines, the
// settings' secrets listed for redaction, the credential kept masked, the lines of a client's
// opening held for its first log handler, and the inline-secret check of the configuration.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "config/config_store.h"
#include "config/property_table.h"
#include "config/secret_redaction.h"
#include "core/credential.h"
#include "core/report_queue.h"
#include "core/secret_redaction.h"
#include "transport/http_types.h"

namespace cib {

BOOST_AUTO_TEST_SUITE(secret_handling)

BOOST_AUTO_TEST_CASE(authorization_and_private_token_values_are_redacted_in_lines) {
  // In plain text the value runs to the end of the line: whatever follows may be part of it.
  BOOST_TEST(redact_header_values("sent Authorization: Bearer abc.def-123 to host") ==
             "sent Authorization: Bearer [redacted]");
  BOOST_TEST(redact_header_values("{\"authorization\":\"Basic dXNlcjpwdw==\",\"x\":1}") ==
             "{\"authorization\":\"Basic [redacted]\",\"x\":1}");
  BOOST_TEST(redact_header_values("PRIVATE-TOKEN: glpat-XYZ\r\nnext") ==
             "PRIVATE-TOKEN: [redacted]\r\nnext");
  BOOST_TEST(redact_header_values("private-token=glpat-1; a=b") == "private-token=[redacted]; a=b");
  // No header value: the line is left as it is.
  BOOST_TEST(redact_header_values("the Authorization header was refused") ==
             "the Authorization header was refused");
  BOOST_TEST(redact_header_values("Authorization: Bearer [redacted]") ==
             "Authorization: Bearer [redacted]");
}

BOOST_AUTO_TEST_CASE(the_settings_secrets_are_the_sonar_token_and_the_redis_password) {
  Settings s;
  s.sonar_token = "squ_sonar-token";
  s.budget_shared = "redis://:p%40ss-word@127.0.0.1:6379/0";
  std::vector<std::string> secrets;
  add_settings_secrets(s, secrets);
  BOOST_TEST(secrets == (std::vector<std::string>{"squ_sonar-token", "p@ss-word"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(basic_headers_are_encoded_by_hand_and_their_secrets_found) {
  BOOST_TEST(basic_authorization("ci-bot", "pw-1") == "Basic Y2ktYm90OnB3LTE=");
  BOOST_TEST(basic_authorization("a", "bcd") == "Basic YTpiY2Q=");
  BOOST_TEST(basic_authorization("ab", "cd") == "Basic YWI6Y2Q=");
  const std::vector<std::string> secrets = header_secrets("Basic Y2ktYm90OnB3LTE=");
  BOOST_TEST(secrets == (std::vector<std::string>{"Y2ktYm90OnB3LTE=", "ci-bot:pw-1", "pw-1"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_credential_is_masked_in_memory_and_unmasked_on_demand) {
  Settings s;
  s.api_url = "https://api.bitbucket.org/2.0";
  s.auth_type = AuthType::bearer;
  s.auth_token = "masked-token-value";
  Credential credential(s);
  BOOST_TEST(credential.header() == "Bearer masked-token-value");
  std::vector<std::string> secrets;
  credential.add_secrets(secrets);
  BOOST_TEST(secrets == (std::vector<std::string>{"masked-token-value"}),
             boost::test_tools::per_element());
  // What the object holds is not the header.
  const char* begin = reinterpret_cast<const char*>(&credential);
  const std::string bytes(begin, sizeof credential);
  BOOST_TEST(bytes.find("masked-token") == std::string::npos);
  BOOST_TEST(without_credential(s).auth_token.empty());
}

BOOST_AUTO_TEST_CASE(lines_before_the_first_log_handler_are_held_for_it) {
  ReportQueue queue(8);
  queue.log(LogLevel::warning, "opened with a warning");
  queue.log(LogLevel::debug, "a debug line");
  std::vector<std::string> lines;
  queue.set_log_handler([&](LogLevel, const std::string& line) { lines.push_back(line); },
                        LogLevel::info, false);
  BOOST_TEST(lines == (std::vector<std::string>{"opened with a warning"}),
             boost::test_tools::per_element());
  // Only the first handler gets them; after a clear nothing is held any more.
  queue.set_log_handler(nullptr, LogLevel::info, false);
  queue.log(LogLevel::warning, "unheard");
  queue.set_log_handler([&](LogLevel, const std::string& line) { lines.push_back(line); },
                        LogLevel::info, false);
  BOOST_TEST(lines.size() == 1u);
}

BOOST_AUTO_TEST_CASE(held_lines_are_queued_for_poll_with_a_queued_handler) {
  ReportQueue queue(8);
  queue.log(LogLevel::warning, "held");
  std::vector<std::string> lines;
  queue.set_log_handler([&](LogLevel, const std::string& line) { lines.push_back(line); },
                        LogLevel::info, true);
  BOOST_TEST(lines.empty());
  BOOST_TEST(queue.poll(Duration(0)) == 1u);
  BOOST_TEST(lines == (std::vector<std::string>{"held"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_secret_written_inline_is_told_from_a_reference) {
  const Property& token = *find_property("host.auth.token");
  const Property& shared = *find_property("budget.shared");
  BOOST_TEST(written_inline(token, "abc-token"));
  BOOST_TEST(written_inline(token, "prefix-${TOKEN}"));
  BOOST_TEST(!written_inline(token, "${TOKEN}"));
  BOOST_TEST(!written_inline(token, ""));
  BOOST_TEST(written_inline(shared, "redis://:pw@127.0.0.1:6379/0"));
  BOOST_TEST(!written_inline(shared, "redis://127.0.0.1:6379/0"));
  BOOST_TEST(!written_inline(*find_property("host.auth.user"), "robot"));
  ConfigStore store;
  store.set("host.auth.token", "abc-token");
  store.set("host.auth.password", "${PASSWORD}");
  store.set("budget.shared", "redis://:pw@127.0.0.1:6379/0");
  BOOST_TEST(
      store.inline_secret_keys() == (std::vector<std::string>{"budget.shared", "host.auth.token"}),
      boost::test_tools::per_element());
  BOOST_TEST(store.get("host.auth.token") == "(secret)");
  BOOST_TEST(store.get("host.auth.password") == "${PASSWORD}");
  const std::string warning = inline_secret_warning("host.auth.token");
  BOOST_TEST(warning.find("host.auth.token: holds a secret") == 0u);
  BOOST_TEST(warning.find("abc-token") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
