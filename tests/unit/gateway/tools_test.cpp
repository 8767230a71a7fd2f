// ToolRegistry: the tokens read from real files in a temporary folder, every header form a
// tool may use, the files it refuses, and each tool's hourly quota on a clock moved by hand.
#define BOOST_TEST_MODULE unit_gateway_tools
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "gateway/tool_registry.h"
#include "temp_dir.h"
#include "transport/http_types.h"

namespace {

using cib::GatewayClientEntry;
using cib::Headers;
using cib::gw::Tool;
using cib::gw::ToolPriority;
using cib::gw::ToolRegistry;
using std::chrono::minutes;

const std::string kPollerToken = "poller-9f2c41d7e3b8";
const std::string kScriptToken = "script:with:colons-77aa";
constexpr std::int64_t kHourMs = 60 * 60 * 1000;
constexpr std::int64_t kMinuteMs = 60 * 1000;
constexpr std::size_t kTokenFileLimit = 16 * 1024;

struct Tokens {
  cib::test::TempDir dir{"cibatch-gateway-tools"};
  cib::ManualClock clock;

  std::string write(const std::string& name, const std::string& content) const {
    const std::string path = dir.file(name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  std::vector<GatewayClientEntry> two_tools() const {
    return {{"poller", write("poller.token", "  " + kPollerToken + " \nnot the token\n"),
             "background", 0},
            {"script", write("script.token", kScriptToken + "\n"), "interactive", 3}};
  }

  // The message of the error the registry throws for `clients`.
  std::string refusal(const std::vector<GatewayClientEntry>& clients) const {
    try {
      ToolRegistry registry(clients, clock);
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    BOOST_FAIL("the registry accepted the clients");
    return {};
  }
};

std::string identified(const ToolRegistry& registry, const Headers& headers) {
  const Tool* tool = registry.identify(headers);
  return tool == nullptr ? "(none)" : tool->name;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(tool_registry, Tokens)

BOOST_AUTO_TEST_CASE(every_header_form_names_the_tool) {
  const ToolRegistry registry(two_tools(), clock);
  BOOST_TEST(identified(registry, {{"Authorization", "Bearer " + kPollerToken}}) == "poller");
  BOOST_TEST(identified(registry, {{"authorization", "bearer  " + kPollerToken}}) == "poller");
  BOOST_TEST(identified(registry, {{"Authorization", "token " + kPollerToken}}) == "poller");
  BOOST_TEST(identified(registry, {{"Authorization", cib::basic_authorization(
                                                         "any-user", kPollerToken)}}) == "poller");
  BOOST_TEST(identified(registry, {{"PRIVATE-TOKEN", kPollerToken}}) == "poller");
  BOOST_TEST(identified(registry, {{"Private-Token", " " + kScriptToken + " "}}) == "script");
  BOOST_TEST(identified(registry, {{"Accept", "application/json"},
                                   {"Authorization", "Bearer " + kScriptToken}}) == "script");
}

BOOST_AUTO_TEST_CASE(wrong_or_missing_tokens_name_no_tool) {
  const ToolRegistry registry(two_tools(), clock);
  BOOST_TEST(identified(registry, {}) == "(none)");
  BOOST_TEST(identified(registry, {{"Authorization", "Bearer wrong-token"}}) == "(none)");
  BOOST_TEST(identified(registry, {{"Authorization", "Bearer " + kPollerToken + "x"}}) == "(none)");
  BOOST_TEST(identified(registry, {{"Authorization", "Digest " + kPollerToken}}) == "(none)");
  BOOST_TEST(identified(registry, {{"Authorization", kPollerToken}}) == "(none)");
  BOOST_TEST(identified(registry, {{"Authorization", "Basic !!not-base64!!"}}) == "(none)");
  // The second line of the file is not the token.
  BOOST_TEST(identified(registry, {{"Authorization", "Bearer not the token"}}) == "(none)");
  BOOST_TEST(identified(registry, {{"X-Token", kPollerToken}}) == "(none)");
}

BOOST_AUTO_TEST_CASE(basic_splits_at_the_first_colon_so_the_token_may_hold_colons) {
  const ToolRegistry registry(two_tools(), clock);
  BOOST_TEST(identified(registry, {{"Authorization",
                                    cib::basic_authorization("x", kScriptToken)}}) == "script");
  // "script" as the user and the rest as the password is not the token.
  BOOST_TEST(identified(registry, {{"Authorization",
                                    cib::basic_authorization("script", "with:colons-77aa")}}) ==
             "(none)");
  // No colon at all: no password.
  BOOST_TEST(identified(registry, {{"Authorization", "Basic cG9sbGVy"}}) == "(none)");
}

BOOST_AUTO_TEST_CASE(tools_keep_their_priority_and_quota) {
  const ToolRegistry registry(two_tools(), clock);
  BOOST_TEST_REQUIRE(registry.tools().size() == 2u);
  BOOST_TEST(registry.tools()[0].name == "poller");
  BOOST_TEST((registry.tools()[0].priority == ToolPriority::background));
  BOOST_TEST(registry.tools()[1].quota_per_hour == 3);
  BOOST_TEST((registry.tools()[1].priority == ToolPriority::interactive));
}

BOOST_AUTO_TEST_CASE(a_missing_token_file_is_named_with_its_tool) {
  const std::string path = dir.file("absent.token");
  const std::string message = refusal({{"ci-bot", path, "background", 0}});
  BOOST_TEST(message.find("ci-bot") != std::string::npos);
  BOOST_TEST(message.find(path) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_folder_a_fifo_or_a_large_file_is_refused) {
  const std::string folder = dir.file("folder");
  BOOST_TEST_REQUIRE(::mkdir(folder.c_str(), 0700) == 0);
  BOOST_TEST(refusal({{"ci-bot", folder, "background", 0}}).find("not a regular file") !=
             std::string::npos);
  const std::string fifo = dir.file("fifo");
  BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  BOOST_TEST(refusal({{"ci-bot", fifo, "background", 0}}).find("not a regular file") !=
             std::string::npos);
  const std::string large = write("large.token", std::string(kTokenFileLimit + 1, 'a'));
  const std::string message = refusal({{"ci-bot", large, "background", 0}});
  BOOST_TEST(message.find("larger than") != std::string::npos);
  BOOST_TEST(message.find(large) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_empty_token_file_is_refused) {
  const std::string empty = write("empty.token", " \n\t\n");
  const std::string message = refusal({{"ci-bot", empty, "background", 0}});
  BOOST_TEST(message.find("ci-bot") != std::string::npos);
  BOOST_TEST(message.find("no token") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(two_tools_with_one_token_are_refused_without_showing_it) {
  std::vector<GatewayClientEntry> clients = two_tools();
  clients.push_back({"copy", write("copy.token", kScriptToken), "background", 0});
  const std::string message = refusal(clients);
  BOOST_TEST(message.find("copy") != std::string::npos);
  BOOST_TEST(message.find("'script'") != std::string::npos);
  BOOST_TEST(message.find(kScriptToken) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(two_tools_with_one_name_or_a_bad_priority_are_refused) {
  std::vector<GatewayClientEntry> clients = two_tools();
  clients.push_back({"poller", write("other.token", "another-token"), "background", 0});
  BOOST_TEST(refusal(clients).find("'poller' is configured twice") != std::string::npos);
  const std::string message = refusal({{"ci-bot", write("bot.token", "bot-token"), "gating", 0}});
  BOOST_TEST(message.find("priority 'gating'") != std::string::npos);
  BOOST_TEST(refusal({}).find("no tool") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_full_quota_says_honestly_when_room_comes_back) {
  ToolRegistry registry(two_tools(), clock);
  const Tool& script = registry.tools()[1];
  BOOST_TEST(registry.take_quota(script) == 0);
  clock.advance(minutes(10));
  BOOST_TEST(registry.take_quota(script) == 0);
  clock.advance(minutes(10));
  BOOST_TEST(registry.take_quota(script) == 0);
  clock.advance(minutes(10));
  // Full: the first request (30 minutes ago) leaves the hour in 30 minutes.
  BOOST_TEST(registry.take_quota(script) == kHourMs - 30 * kMinuteMs);
  BOOST_TEST(registry.used_last_hour(script) == 3);
  clock.advance(minutes(30) - std::chrono::milliseconds(1));
  BOOST_TEST(registry.take_quota(script) == 1);
  clock.advance(std::chrono::milliseconds(1));
  BOOST_TEST(registry.take_quota(script) == 0);
  BOOST_TEST(registry.used_last_hour(script) == 3);
  BOOST_TEST(registry.take_quota(script) == 10 * kMinuteMs);
}

BOOST_AUTO_TEST_CASE(no_quota_counts_without_refusing) {
  ToolRegistry registry(two_tools(), clock);
  const Tool& poller = registry.tools()[0];
  for (int i = 0; i < 500; ++i) BOOST_TEST_REQUIRE(registry.take_quota(poller) == 0);
  BOOST_TEST(registry.used_last_hour(poller) == 500);
  clock.advance(minutes(60));
  BOOST_TEST(registry.used_last_hour(poller) == 0);
  const Tool stranger{"stranger", ToolPriority::background, 1};
  BOOST_CHECK_THROW(registry.take_quota(stranger), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(credentials_are_stripped_whatever_their_case) {
  Headers headers{{"Accept", "application/json"},  {"authorization", "Bearer x"},
                  {"PRIVATE-TOKEN", "y"},          {"Private-Token", "z"},
                  {"Authorization", "Basic eDp5"}, {"X-Request-Id", "1"}};
  ToolRegistry::strip_credentials(headers);
  BOOST_TEST_REQUIRE(headers.size() == 2u);
  BOOST_TEST(headers[0].first == "Accept");
  BOOST_TEST(headers[1].first == "X-Request-Id");
}

BOOST_AUTO_TEST_SUITE_END()
