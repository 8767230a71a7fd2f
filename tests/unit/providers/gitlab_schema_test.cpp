#include <boost/test/unit_test.hpp>

#include "comment_json.h"
#include "provider_fixtures.h"
#include "scripted_sender.h"
#include "spec_check.h"

namespace cib::test {

namespace {

// Every request with a body fits its operation in gitlab.json.
void expect_valid(const ScriptedSender& sender) {
  const SpecCheck spec("gitlab.json", "/api/v4");
  for (const HttpRequest& request : sender.requests) {
    if (request.body.empty()) continue;
    const auto problems = spec.problems(request);
    BOOST_TEST(problems.empty(), request.method << ' ' << request.target << ": "
                                                << (problems.empty() ? "" : problems.front()));
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gitlab_schema)

BOOST_AUTO_TEST_CASE(status_bodies_fit_the_description) {
  ScriptedSender sender;
  for (const BuildState state :
       {BuildState::inprogress, BuildState::successful, BuildState::failed, BuildState::stopped}) {
    StatusContent status;
    status.state = state;
    status.url = "https://ci.example/1";
    status.description = "d";
    status.ref = "main";
    RemoteState remote;
    gitlab()->deliver(status_slot("group/sub/web"), status, false, remote, sender);
  }
  BOOST_TEST(sender.requests.size() == 4u);
  expect_valid(sender);
}

BOOST_AUTO_TEST_CASE(note_bodies_fit_the_description) {
  ScriptedSender sender;
  sender.answer(201, R"({"id":1,"body":"x"})").answer(200, R"({"id":1,"body":"y"})");
  sender.answer(200, R"([{"iid":9,"state":"opened"}])").answer(201, R"({"id":2,"body":"r"})");
  const auto provider = gitlab();
  RemoteState remote = known_remote();
  provider->deliver(comment_slot(), CommentContent{"x"}, false, remote, sender);
  provider->deliver(comment_slot(), CommentContent{"y"}, false, remote, sender);
  RemoteState report = known_remote();
  provider->deliver(report_slot(), report_with(3), false, report, sender);
  BOOST_TEST(sender.requests.size() == 4u);
  expect_valid(sender);
}

// A project path sent with a literal '/' names no documented operation, as the host refuses it.
BOOST_AUTO_TEST_CASE(the_check_refuses_a_decoded_project_path) {
  const SpecCheck spec("gitlab.json", "/api/v4");
  HttpRequest request;
  request.method = "POST";
  request.target = "/projects/acme/web/statuses/abc0123";
  request.body = R"({"state":"success"})";
  BOOST_TEST(!spec.problems(request).empty());
  request.target = "/projects/acme%2Fweb/statuses/abc0123";
  BOOST_TEST(spec.problems(request).empty());
  request.body = R"({"state":"SUCCESSFUL"})";
  BOOST_TEST(!spec.problems(request).empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
