#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "provider_fixtures.h"
#include "scripted_sender.h"

namespace cib::test {

BOOST_AUTO_TEST_SUITE(status_delivery)

BOOST_AUTO_TEST_CASE(status_is_one_post_with_only_the_fields_that_are_set) {
  ScriptedSender sender;
  sender.answer(201);
  StatusContent status;
  status.state = BuildState::successful;
  status.name = "Build";
  status.url = "https://ci.example/job/1";
  status.ref = "feature/x";
  RemoteState remote;
  const DeliveryOutcome outcome =
      bitbucket()->deliver(status_slot(), status, false, remote, sender);
  BOOST_TEST(outcome.requests == 1);
  BOOST_TEST(outcome.http_status == 201);
  BOOST_REQUIRE_EQUAL(sender.requests.size(), 1u);
  const HttpRequest& request = sender.requests[0];
  BOOST_TEST(request.method == "POST");
  BOOST_TEST(request.target == "/repositories/acme/web/commit/abc0123/statuses/build");
  BOOST_TEST(request.idempotent);
  BOOST_TEST(request.body == R"({"key":"build","state":"SUCCESSFUL","name":"Build",)"
                             R"("url":"https://ci.example/job/1","refname":"feature/x"})");
}

// A workspace or slug outside Bitbucket's characters, or a commit that is not a hash, could
// reach another path once a proxy decodes or normalises it: nothing is sent.
BOOST_AUTO_TEST_CASE(repo_and_commit_outside_the_hosts_characters_are_refused_before_sending) {
  ScriptedSender sender;
  RemoteState remote;
  BOOST_CHECK_THROW(
      bitbucket()->deliver(status_slot("my team/web/app"), StatusContent{}, false, remote, sender),
      std::invalid_argument);
  BOOST_CHECK_THROW(bitbucket()->deliver(status_slot("acme/web", "a/b?c#d%"), StatusContent{},
                                         false, remote, sender),
                    std::invalid_argument);
  BOOST_TEST(sender.requests.empty());
}

BOOST_AUTO_TEST_CASE(a_repo_without_workspace_is_refused_before_sending) {
  ScriptedSender sender;
  RemoteState remote;
  BOOST_CHECK_THROW(
      bitbucket()->deliver(status_slot("web"), StatusContent{}, false, remote, sender),
      std::invalid_argument);
  BOOST_TEST(sender.requests.empty());
}

BOOST_AUTO_TEST_CASE(status_strings_are_escaped_as_json) {
  ScriptedSender sender;
  StatusContent status;
  status.description = "say \"hi\"\n\tÜ";
  RemoteState remote;
  bitbucket()->deliver(status_slot(), status, false, remote, sender);
  BOOST_TEST(sender.requests.at(0).body ==
             R"({"key":"build","state":"INPROGRESS","description":"say \"hi\"\n\tÜ"})");
}

BOOST_AUTO_TEST_CASE(bitbucket_cloud_caps_reports_at_1000_annotations) {
  BOOST_TEST(bitbucket()->max_annotations_per_report() == 1000u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
