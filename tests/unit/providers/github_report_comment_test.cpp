#include <boost/test/unit_test.hpp>

#include "comment_json.h"
#include "github_fixtures.h"

namespace cib::test {

namespace {

const char* kPulls = "GET /repos/acme/web/commits/abc0123/pulls";

}  // namespace

BOOST_AUTO_TEST_SUITE(github_report_comment)

BOOST_AUTO_TEST_CASE(without_an_app_a_report_is_a_comment_on_the_newest_open_pull_request) {
  ScriptedSender sender;
  sender.answer(200, R"([{"number":3,"state":"open"},{"number":9,"state":"closed"},)"
                     R"({"number":5,"state":"open"}])");
  sender.answer(200, "[]").answer(201, R"({"id":70,"body":"x"})");
  const auto provider = github();
  RemoteState remote;
  provider->deliver(report_slot(), report_with(2), false, remote, sender);
  BOOST_TEST(
      sender.lines() ==
      (std::vector<std::string>{kPulls, "GET /repos/acme/web/issues/5/comments?per_page=100&page=1",
                                "POST /repos/acme/web/issues/5/comments"}));
  const std::string& body = sender.requests.at(2).body;
  BOOST_TEST(body.find("#### Sonar: FAILED") != std::string::npos);
  BOOST_TEST(body.find("(cibatch:report-sonar)") != std::string::npos);
  BOOST_TEST(remote.remote_id == "70");
  expect_github_valid(sender);
}

BOOST_AUTO_TEST_CASE(the_pull_request_of_a_commit_is_asked_once_and_the_fallback_told_once) {
  ScriptedSender sender;
  sender.answer(200, R"([{"number":5,"state":"open"}])");
  sender.answer(200, "[]").answer(201, R"({"id":70,"body":"x"})");
  sender.answer(201, R"({"id":71,"body":"y"})");
  const auto provider = github();
  RemoteState first;
  provider->deliver(report_slot("sonar"), report_with(1), false, first, sender);
  RemoteState second;
  provider->deliver(report_slot("lint"), report_with(1, "Lint"), false, second, sender);
  BOOST_TEST(sender.lines().size() == 4u);
  BOOST_TEST(sender.lines().at(3) == "POST /repos/acme/web/issues/5/comments");
  BOOST_TEST(sender.notices.size() == 1u);
  BOOST_TEST(sender.notices.at(0).find("not a GitHub App") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_commit_without_an_open_pull_request_fails_for_good) {
  ScriptedSender sender;
  sender.answer(200, R"([{"number":9,"state":"closed"}])");
  RemoteState remote;
  const HostError error = host_error_of(
      [&] { github()->deliver(report_slot(), report_with(1), false, remote, sender); });
  BOOST_TEST(error.http_status() == 404);
  BOOST_TEST(!error.transient());
  BOOST_TEST(std::string(error.what()).find("has no open pull request") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_app_asked_for_comments_posts_comments) {
  Settings settings;
  settings.host_kind = HostKind::github;
  settings.api_url = github_api_url();
  settings.auth_type = AuthType::github_app;
  settings.github_reports = GithubReports::comment;
  ScriptedSender sender;
  sender.answer(200, R"([{"number":5,"state":"open"}])").answer(201, R"({"id":70,"body":"x"})");
  RemoteState remote = known_remote();
  make_provider(settings)->deliver(report_slot(), report_with(1), false, remote, sender);
  BOOST_TEST(sender.lines().at(0) == kPulls);
  BOOST_TEST(sender.lines().at(1) == "POST /repos/acme/web/issues/5/comments");
}

BOOST_AUTO_TEST_CASE(a_commit_lookup_read_again_is_conditional) {
  ScriptedSender sender;
  sender.answer(200, "[]", {{"ETag", R"(W/"p1")"}});
  sender.answer(304, "");
  const auto provider = github();
  RemoteState remote;
  BOOST_CHECK_THROW(provider->deliver(report_slot(), report_with(1), false, remote, sender),
                    HostError);
  BOOST_CHECK_THROW(provider->deliver(report_slot(), report_with(1), false, remote, sender),
                    HostError);
  BOOST_TEST(header_of(sender.requests.at(1), "If-None-Match") == R"(W/"p1")");
}

BOOST_AUTO_TEST_CASE(a_report_comment_shows_the_50_most_severe_findings_a_check_run_1000) {
  BOOST_TEST(github()->max_annotations_per_report() == 50u);
  BOOST_TEST(github(true)->max_annotations_per_report() == 1000u);
  ScriptedSender sender;
  sender.answer(200, R"([{"number":5,"state":"open"}])").answer(201, R"({"id":70,"body":"x"})");
  RemoteState remote = known_remote();
  github()->deliver(report_slot(), report_with(60), false, remote, sender);
  const std::string& body = sender.requests.at(1).body;
  BOOST_TEST(body.find("finding 49 ") != std::string::npos);
  BOOST_TEST(body.find("finding 50 ") == std::string::npos);
  BOOST_TEST(body.find("showing 50 of 60 findings") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
