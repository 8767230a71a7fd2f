#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "core/delivery_failure.h"
#include "provider_fixtures.h"
#include "scripted_sender.h"

namespace cib::test {

BOOST_AUTO_TEST_SUITE(gitlab_status)

BOOST_AUTO_TEST_CASE(status_is_one_post_to_the_encoded_project_with_the_key_as_name) {
  ScriptedSender sender;
  sender.answer(201, R"({"id":1,"status":"success","name":"build"})");
  StatusContent status{BuildState::successful, "", "", "", ""};
  status.name = "Build";  // no place of its own on GitLab: not sent
  status.url = "https://ci.example/job/1";
  status.description = "all green";
  status.ref = "feature/x";
  RemoteState remote;
  const DeliveryOutcome outcome =
      gitlab()->deliver(status_slot("acme/web", "abc0123"), status, false, remote, sender);
  BOOST_TEST((outcome.requests == 1 && outcome.http_status == 201));
  BOOST_TEST(sender.lines() ==
             (std::vector<std::string>{"POST /projects/acme%2Fweb/statuses/abc0123"}));
  BOOST_TEST(sender.requests.at(0).idempotent);
  BOOST_TEST(sender.requests[0].body == R"({"state":"success","name":"build",)"
                                        R"("target_url":"https://ci.example/job/1",)"
                                        R"("description":"all green","ref":"feature/x"})");
}

BOOST_AUTO_TEST_CASE(subgroups_and_dots_stay_in_one_segment) {
  ScriptedSender sender;
  sender.answer(201);
  RemoteState remote;
  gitlab()->deliver(status_slot("group/sub.team/my-app_2", "ABCDEF0123"), StatusContent{}, false,
                    remote, sender);
  BOOST_TEST(sender.requests.at(0).target ==
             "/projects/group%2Fsub.team%2Fmy-app_2/statuses/ABCDEF0123");
}

BOOST_AUTO_TEST_CASE(states_map_to_gitlabs_words) {
  const std::pair<BuildState, const char*> cases[] = {{BuildState::inprogress, "running"},
                                                      {BuildState::successful, "success"},
                                                      {BuildState::failed, "failed"},
                                                      {BuildState::stopped, "canceled"}};
  for (const auto& [state, word] : cases) {
    ScriptedSender sender;
    RemoteState remote;
    gitlab()->deliver(status_slot(), StatusContent{state, "", "", "", ""}, false, remote, sender);
    BOOST_TEST(sender.requests.at(0).body ==
               std::string(R"({"state":")") + word + R"(","name":"build"})");
  }
}

BOOST_AUTO_TEST_CASE(projects_and_commits_outside_gitlabs_characters_are_refused_before_sending) {
  ScriptedSender sender;
  RemoteState remote;
  for (const char* repo :
       {"web", "acme//web", "acme/../web", "acme/web/", "my team/web", "a/b%2F"}) {
    BOOST_CHECK_THROW(gitlab()->deliver(status_slot(repo), StatusContent{}, false, remote, sender),
                      std::invalid_argument);
  }
  BOOST_CHECK_THROW(gitlab()->deliver(status_slot("acme/web", "abc/../x"), StatusContent{}, false,
                                      remote, sender),
                    std::invalid_argument);
  BOOST_TEST(sender.requests.empty());
  gitlab()->deliver(status_slot("4711"), StatusContent{}, false, remote, sender);
  BOOST_TEST(sender.requests.at(0).target == "/projects/4711/statuses/abc0123");
}

// Another update of the status is in progress: the core retries after a short backoff, though
// a 409 alone would fail for good.
BOOST_AUTO_TEST_CASE(a_409_is_a_transient_refusal_the_core_retries) {
  ScriptedSender sender;
  sender.answer(409, R"({"message":"409 Conflict"})");
  RemoteState remote;
  const HostError error = host_error_of(
      [&] { gitlab()->deliver(status_slot(), StatusContent{}, false, remote, sender); });
  BOOST_TEST(error.http_status() == 409);
  BOOST_TEST(error.transient());
  BOOST_TEST(error.retry_after_ms() > 0);
  const DeliveryResult result = classify_failure(std::make_exception_ptr(error));
  BOOST_TEST((result.kind == DeliveryResult::Kind::retry));
}

BOOST_AUTO_TEST_CASE(a_refused_transition_to_the_state_sent_counts_as_delivered) {
  ScriptedSender sender;
  sender.answer(400, R"({"message":"Cannot transition status via :run from :running"})");
  RemoteState remote;
  const DeliveryOutcome outcome = gitlab()->deliver(
      status_slot(), StatusContent{BuildState::inprogress, "", "", "", ""}, false, remote, sender);
  BOOST_TEST(outcome.requests == 1);
}

BOOST_AUTO_TEST_CASE(a_refused_transition_from_another_state_fails_and_quotes_the_host) {
  ScriptedSender sender;
  sender.secret = "glpat-secret";
  sender.answer(400,
                R"({"message":"Cannot transition status via :run from :success glpat-secret"})");
  RemoteState remote;
  const HostError error = host_error_of([&] {
    gitlab()->deliver(status_slot(), StatusContent{BuildState::inprogress, "", "", "", ""}, false,
                      remote, sender);
  });
  BOOST_TEST(error.http_status() == 400);
  BOOST_TEST(!error.transient());
  const std::string message = error.what();
  BOOST_TEST(message ==
             "POST /projects/acme%2Fweb/statuses/abc0123: 400 Bad Request: Cannot transition "
             "status via :run from :success [redacted]");
  BOOST_TEST(
      (classify_failure(std::make_exception_ptr(error)).kind == DeliveryResult::Kind::failed));
}

BOOST_AUTO_TEST_CASE(gitlab_shows_at_most_50_findings_a_report) {
  BOOST_TEST(gitlab()->max_annotations_per_report() == 50u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
