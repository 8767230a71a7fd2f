#include <boost/test/unit_test.hpp>
#include <chrono>

#include "github_fixtures.h"

namespace cib::test {

BOOST_AUTO_TEST_SUITE(github_status)

BOOST_AUTO_TEST_CASE(states_map_to_github_words_and_the_key_is_the_context) {
  ScriptedSender sender;
  const auto provider = github();
  const std::pair<BuildState, const char*> states[] = {{BuildState::inprogress, "pending"},
                                                       {BuildState::successful, "success"},
                                                       {BuildState::failed, "failure"},
                                                       {BuildState::stopped, "error"}};
  for (const auto& [state, word] : states) {
    sender.clear();
    sender.answer(201);
    StatusContent status;
    status.state = state;
    status.url = "https://ci.example/1";
    status.name = "Build";
    RemoteState remote;
    const DeliveryOutcome outcome = provider->deliver(
        status_slot("acme/web", "abc0123", "ci/build"), status, false, remote, sender);
    BOOST_TEST(outcome.requests == 1);
    BOOST_TEST(sender.lines().at(0) == "POST /repos/acme/web/statuses/abc0123");
    BOOST_TEST(sender.requests.at(0).body ==
               std::string(R"({"state":")") + word +
                   R"(","target_url":"https://ci.example/1","context":"ci/build"})");
    expect_github_valid(sender);
  }
}

BOOST_AUTO_TEST_CASE(every_request_names_the_media_type_and_api_version) {
  ScriptedSender sender;
  RemoteState remote;
  github()->deliver(status_slot(), StatusContent{}, false, remote, sender);
  const HttpRequest& request = sender.requests.at(0);
  BOOST_TEST(header_of(request, "Accept") == "application/vnd.github+json");
  BOOST_TEST(header_of(request, "X-GitHub-Api-Version") == "2022-11-28");
}

BOOST_AUTO_TEST_CASE(descriptions_are_cut_to_140_characters_never_inside_one) {
  ScriptedSender sender;
  StatusContent status;
  for (int i = 0; i < 150; ++i) status.description += "\xc3\xa9";  // é, two bytes each
  RemoteState remote;
  github()->deliver(status_slot(), status, false, remote, sender);
  std::string expected;
  for (int i = 0; i < 140; ++i) expected += "\xc3\xa9";
  BOOST_TEST(sender.requests.at(0).body ==
             R"({"state":"pending","description":")" + expected + R"(","context":"build"})");
}

BOOST_AUTO_TEST_CASE(a_secondary_rate_limit_is_retried_after_the_wait_github_asks) {
  ScriptedSender sender;
  sender.secret = "ghp_secret";
  sender.answer(403, R"({"message":"You have exceeded a secondary rate limit, ghp_secret"})",
                {{"Retry-After", "60"}});
  RemoteState remote;
  const HostError error = host_error_of(
      [&] { github()->deliver(status_slot(), StatusContent{}, false, remote, sender); });
  BOOST_TEST(error.http_status() == 403);
  BOOST_TEST(error.transient());
  BOOST_TEST(error.retry_after_ms() == 60000);
  BOOST_TEST(std::string(error.what()).find("ghp_secret") == std::string::npos);
  BOOST_TEST(std::string(error.what()).find("secondary rate limit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_spent_primary_limit_waits_until_its_reset) {
  ScriptedSender sender;
  const auto reset_s = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count() +
                       120;
  sender.answer(403, R"({"message":"API rate limit exceeded"})",
                {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", std::to_string(reset_s)}});
  RemoteState remote;
  const HostError error = host_error_of(
      [&] { github()->deliver(status_slot(), StatusContent{}, false, remote, sender); });
  BOOST_TEST(error.transient());
  BOOST_TEST(error.retry_after_ms() > 100000);
  BOOST_TEST(error.retry_after_ms() <= 120000);
}

BOOST_AUTO_TEST_CASE(a_403_for_lack_of_permission_is_final) {
  ScriptedSender sender;
  sender.answer(403, R"({"message":"Resource not accessible by integration"})");
  RemoteState remote;
  const HostError error = host_error_of(
      [&] { github()->deliver(status_slot(), StatusContent{}, false, remote, sender); });
  BOOST_TEST(!error.transient());
  BOOST_TEST(error.retry_after_ms() == -1);
  BOOST_TEST(std::string(error.what()) ==
             "POST /repos/acme/web/statuses/abc0123: 403 Forbidden: Resource not accessible by "
             "integration");
}

BOOST_AUTO_TEST_CASE(a_repo_that_is_not_owner_slash_name_is_refused_before_sending) {
  ScriptedSender sender;
  RemoteState remote;
  for (const char* repo : {"acme", "acme/web/x", "acme/..", "ac_me/web", "/web"}) {
    BOOST_CHECK_THROW(github()->deliver(status_slot(repo), StatusContent{}, false, remote, sender),
                      std::invalid_argument);
  }
  BOOST_TEST(sender.requests.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
