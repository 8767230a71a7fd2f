#include <boost/test/unit_test.hpp>

#include "dc_fixtures.h"

namespace cib::test {

namespace {

StatusContent status_of(BuildState state, const std::string& url = "https://ci.example/1") {
  StatusContent status;
  status.state = state;
  status.url = url;
  status.name = "Build";
  return status;
}

std::string old_server_404() {
  return "<html><body>Not Found</body></html>";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dc_status)

BOOST_AUTO_TEST_CASE(a_status_is_one_post_to_the_repository_builds_with_dc_state_words) {
  ScriptedSender sender = dc_sender();
  sender.answer(204, "").answer(204, "");
  const auto provider = data_center();
  RemoteState remote;
  StatusContent status = status_of(BuildState::stopped);
  status.description = std::string(300, 'd');
  status.ref = "main";
  const DeliveryOutcome outcome = provider->deliver(status_slot(), status, false, remote, sender);
  provider->deliver(status_slot(), status_of(BuildState::successful), false, remote, sender);
  BOOST_TEST(outcome.requests == 1);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("POST ") + kDcBuilds,
                                                         std::string("POST ") + kDcBuilds}));
  BOOST_TEST(sender.requests[0].body ==
             R"({"key":"build","state":"CANCELLED","url":"https://ci.example/1","name":"Build",)"
             R"("description":")" +
                 std::string(255, 'd') + R"(","ref":"refs/heads/main"})");
  BOOST_TEST(sender.requests[1].body.find(R"("state":"SUCCESSFUL")") != std::string::npos);
}

// A server before 7.4 answers 404 on the repository builds resource: the same status goes to
// the legacy resource, and every later status of this provider goes there at once.
BOOST_AUTO_TEST_CASE(a_404_falls_back_to_the_legacy_resource_and_is_remembered) {
  ScriptedSender sender = dc_sender();
  sender.answer(404, old_server_404()).answer(204, "").answer(204, "");
  const auto provider = data_center();
  RemoteState remote;
  const DeliveryOutcome first =
      provider->deliver(status_slot(), status_of(BuildState::inprogress), false, remote, sender);
  BOOST_TEST(first.requests == 2);
  BOOST_TEST(first.http_status == 204);
  provider->deliver(status_slot(), status_of(BuildState::failed), false, remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("POST ") + kDcBuilds,
                                                         std::string("POST ") + kDcLegacyBuilds,
                                                         std::string("POST ") + kDcLegacyBuilds}));
  BOOST_TEST(sender.requests[1].body == sender.requests[0].body);

  // Another provider (another host) learns on its own.
  sender.clear();
  sender.answer(204, "");
  data_center()->deliver(status_slot(), status_of(BuildState::failed), false, remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("POST ") + kDcBuilds}));
}

BOOST_AUTO_TEST_CASE(a_404_naming_a_missing_repository_is_a_refusal_not_an_old_server) {
  ScriptedSender sender = dc_sender();
  sender.answer(
      404, R"({"errors":[{"context":null,"message":"Repository acme/web does not exist.",)"
           R"("exceptionName":"com.atlassian.bitbucket.repository.NoSuchRepositoryException"}]})");
  const auto provider = data_center();
  RemoteState remote;
  const HostError error = host_error_of([&] {
    provider->deliver(status_slot(), status_of(BuildState::failed), false, remote, sender);
  });
  BOOST_TEST(error.http_status() == 404);
  BOOST_TEST(std::string(error.what()).find("Repository acme/web does not exist.") !=
             std::string::npos);
  BOOST_TEST(sender.requests.size() == 1u);

  sender.clear();
  sender.answer(204, "");
  provider->deliver(status_slot(), status_of(BuildState::failed), false, remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("POST ") + kDcBuilds}));
}

BOOST_AUTO_TEST_CASE(a_429_is_a_host_error_with_the_retry_after_and_no_secret) {
  ScriptedSender sender = dc_sender();
  sender.secret = "s3cr3t-token";
  sender.answer(429, R"({"errors":[{"message":"Rate limited for s3cr3t-token"}]})",
                {{"Retry-After", "7"}});
  RemoteState remote;
  const HostError error = host_error_of([&] {
    data_center()->deliver(status_slot(), status_of(BuildState::failed), false, remote, sender);
  });
  BOOST_TEST(error.http_status() == 429);
  BOOST_TEST(error.retry_after_ms() == 7000);
  const std::string message = error.what();
  BOOST_TEST(message.find("s3cr3t-token") == std::string::npos);
  BOOST_TEST(message.find("Rate limited for [redacted]") != std::string::npos);
}

// DC requires a url of at most 450 characters; cutting one would link elsewhere.
BOOST_AUTO_TEST_CASE(a_status_without_a_usable_url_is_refused_before_sending) {
  ScriptedSender sender = dc_sender();
  RemoteState remote;
  const auto provider = data_center();
  BOOST_CHECK_THROW(
      provider->deliver(status_slot(), status_of(BuildState::failed, ""), false, remote, sender),
      std::invalid_argument);
  BOOST_CHECK_THROW(
      provider->deliver(status_slot(), status_of(BuildState::failed, std::string(451, 'u')), false,
                        remote, sender),
      std::invalid_argument);
  BOOST_TEST(sender.requests.empty());
}

BOOST_AUTO_TEST_CASE(repos_that_are_not_projectkey_slug_are_refused) {
  ScriptedSender sender = dc_sender();
  RemoteState remote;
  const auto provider = data_center();
  for (const char* repo : {"acme", "acme/..", "ac me/web", "acme/web/x", "~/web"}) {
    BOOST_CHECK_THROW(
        provider->deliver(status_slot(repo), status_of(BuildState::failed), false, remote, sender),
        std::invalid_argument);
  }
  BOOST_TEST(sender.requests.empty());
  sender.answer(204, "");
  provider->deliver(status_slot("~jdoe/dotfiles.d"), status_of(BuildState::failed), false, remote,
                    sender);
  BOOST_TEST(sender.lines() ==
             (std::vector<std::string>{
                 "POST /rest/api/latest/projects/~jdoe/repos/dotfiles.d/commits/abc0123/builds"}));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
