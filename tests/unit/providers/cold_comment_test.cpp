// A comment slot that does not know what the host holds (a new agent, an empty spool) finds its
// comment by marker before it creates one, listing each PR once per provider.
#include <boost/test/unit_test.hpp>

#include "comment_json.h"
#include "provider_fixtures.h"
#include "scripted_sender.h"
#include "spec_check.h"

namespace cib::test {

namespace {

std::string list_line(int page = 1) {
  return "GET " + std::string(comments_path()) + "?pagelen=100" +
         (page > 1 ? "&page=" + std::to_string(page) : "");
}

std::string post_line() {
  return "POST " + std::string(comments_path());
}

std::string put_line(int id) {
  return "PUT " + std::string(comments_path()) + "/" + std::to_string(id);
}

DeliveryOutcome post(Provider& provider, const std::string& key, const std::string& body,
                     RemoteState& remote, ScriptedSender& sender, std::int64_t pr = 42) {
  return provider.deliver(comment_slot(key, pr), CommentContent{body}, false, remote, sender);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cold_comment)

BOOST_AUTO_TEST_CASE(a_comment_found_on_page_two_is_updated_in_place_without_a_post) {
  ScriptedSender sender;
  sender
      .answer(200, comment_page({comment_json(5, marked("old", "coverage-old")),
                                 comment_json(6, marked("gone"), true)},
                                2))
      .answer(200, comment_page({comment_json(8, "hello"), comment_json(9, marked("80%"))}))
      .answer(200, comment_json(9, marked("81%")));
  RemoteState remote;
  const DeliveryOutcome outcome = post(*bitbucket(), "coverage", "81%", remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{list_line(), list_line(2), put_line(9)}),
             boost::test_tools::per_element());
  BOOST_TEST(sender.requests.back().body == body_of(marked("81%")));
  BOOST_TEST(outcome.requests == 3);
  BOOST_TEST(remote.remote_id == "9");
  BOOST_TEST(remote.host_known);
  BOOST_TEST(!remote.create_ambiguous);
}

BOOST_AUTO_TEST_CASE(a_comment_found_with_the_same_text_costs_no_write) {
  ScriptedSender sender;
  sender.answer(200, comment_page({comment_json(9, marked("81%"))}));
  RemoteState remote;
  const DeliveryOutcome outcome = post(*bitbucket(), "coverage", "81%", remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{list_line()}),
             boost::test_tools::per_element());
  BOOST_TEST(outcome.requests == 1);
  BOOST_TEST(remote.remote_id == "9");
  BOOST_TEST(remote.host_known);
}

BOOST_AUTO_TEST_CASE(an_absent_comment_is_one_get_then_one_post_sent_with_its_intent_recorded) {
  ScriptedSender sender;
  sender.answer(200, comment_page({comment_json(5, "unrelated")}))
      .answer(201, comment_json(77, marked("81%")));
  RemoteState remote;
  sender.watch = &remote;
  post(*bitbucket(), "coverage", "81%", remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{list_line(), post_line()}),
             boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(sender.watched.size(), 2u);
  BOOST_TEST(!sender.watched[0].create_ambiguous);
  // What the core persists before the POST leaves: the lookup is done and a create may land.
  BOOST_TEST(sender.watched[1].create_ambiguous);
  BOOST_TEST(sender.watched[1].host_known);
  BOOST_TEST(!remote.create_ambiguous);
  BOOST_TEST(remote.remote_id == "77");
}

BOOST_AUTO_TEST_CASE(a_create_the_host_refused_withdraws_its_intent) {
  ScriptedSender sender;
  sender.answer(200, comment_page({})).answer(400, R"({"type":"error","error":{"message":"no"}})");
  RemoteState remote;
  BOOST_CHECK_THROW(post(*bitbucket(), "coverage", "x", remote, sender), HostError);
  BOOST_TEST(!remote.create_ambiguous);
  BOOST_TEST(remote.host_known);
}

BOOST_AUTO_TEST_CASE(later_keys_of_a_listed_pr_cost_no_get) {
  const auto provider = bitbucket();
  ScriptedSender sender;
  sender.answer(200, comment_page({comment_json(12, marked("3 warnings", "lint"))}))
      .answer(201, comment_json(77, marked("81%")))
      .answer(200, comment_json(12, marked("4 warnings", "lint")))
      .answer(201, comment_json(78, marked("ok", "tests")));
  RemoteState coverage, lint, tests, lint_unchanged;
  post(*provider, "coverage", "81%", coverage, sender);
  post(*provider, "lint", "4 warnings", lint, sender);
  post(*provider, "tests", "ok", tests, sender);
  BOOST_TEST(sender.lines() ==
                 (std::vector<std::string>{list_line(), post_line(), put_line(12), post_line()}),
             boost::test_tools::per_element());
  BOOST_TEST(lint.remote_id == "12");
  BOOST_TEST(tests.remote_id == "78");
  // What the provider wrote itself is known too: the same text again costs nothing.
  sender.clear();
  post(*provider, "lint", "4 warnings", lint_unchanged, sender);
  BOOST_TEST(sender.requests.empty());
  BOOST_TEST(lint_unchanged.remote_id == "12");
}

BOOST_AUTO_TEST_CASE(each_pr_is_listed_on_its_own) {
  const auto provider = bitbucket();
  ScriptedSender sender;
  sender.answer(200, comment_page({})).answer(201, comment_json(1, marked("a")));
  sender.answer(200, comment_page({})).answer(201, comment_json(2, marked("b")));
  RemoteState first, second;
  post(*provider, "coverage", "a", first, sender, 42);
  post(*provider, "coverage", "b", second, sender, 43);
  BOOST_REQUIRE_EQUAL(sender.lines().size(), 4u);
  BOOST_TEST(sender.lines()[2] ==
             "GET /repositories/acme/web/pullrequests/43/comments?pagelen=100");
}

BOOST_AUTO_TEST_CASE(an_ambiguous_create_lists_the_pr_afresh_though_it_was_listed) {
  const auto provider = bitbucket();
  ScriptedSender sender;
  sender.answer(200, comment_page({})).fail(TransportError::Kind::ambiguous);
  RemoteState remote;
  BOOST_CHECK_THROW(post(*provider, "coverage", "81%", remote, sender), TransportError);
  BOOST_TEST(remote.create_ambiguous);
  sender.clear();
  sender.answer(200, comment_page({comment_json(30, marked("81%"))}));
  post(*provider, "coverage", "81%", remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{list_line()}),
             boost::test_tools::per_element());
  BOOST_TEST(remote.remote_id == "30");
  BOOST_TEST(!remote.create_ambiguous);
  // The fresh listing serves the PR's other keys as well.
  sender.clear();
  RemoteState other;
  sender.answer(201, comment_json(31, marked("x", "lint")));
  post(*provider, "lint", "x", other, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{post_line()}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_found_comment_that_is_gone_by_the_edit_is_created_anew) {
  const auto provider = bitbucket();
  ScriptedSender sender;
  sender.answer(200, comment_page({comment_json(9, marked("80%"))}))
      .answer(404, R"({"type":"error","error":{"message":"No such comment"}})")
      .answer(201, comment_json(10, marked("81%")));
  RemoteState remote;
  post(*provider, "coverage", "81%", remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{list_line(), put_line(9), post_line()}),
             boost::test_tools::per_element());
  BOOST_TEST(remote.remote_id == "10");
}

BOOST_AUTO_TEST_CASE(the_lookup_requests_are_documented_operations) {
  const SpecCheck spec;
  ScriptedSender sender;
  sender.answer(200, comment_page({}, 2)).answer(200, comment_page({}));
  sender.answer(201, comment_json(1, marked("a")));
  RemoteState remote;
  post(*bitbucket(), "coverage", "a", remote, sender);
  BOOST_REQUIRE_EQUAL(sender.requests.size(), 3u);
  for (const HttpRequest& request : sender.requests) {
    BOOST_TEST(spec.problems(request).empty(), request.method << ' ' << request.target);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
