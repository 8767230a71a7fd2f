#include <boost/test/unit_test.hpp>

#include "comment_json.h"
#include "github_fixtures.h"
#include "providers/page_link.h"

namespace cib::test {

namespace {

const char* kComments = "/repos/acme/web/issues/42/comments";

std::string issue_comment(int id, const std::string& body) {
  return R"({"id":)" + std::to_string(id) + R"(,"body":)" + quoted(body) + "}";
}

std::string page_link(int page) {
  return std::string("<") + github_api_url() + kComments +
         "?per_page=100&page=" + std::to_string(page) + R"(>; rel="next", <)" + github_api_url() +
         kComments + R"(?per_page=100&page=9>; rel="last")";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_comment)

BOOST_AUTO_TEST_CASE(a_known_slot_creates_then_patches_its_comment) {
  ScriptedSender sender;
  sender.answer(201, issue_comment(7, marked("one"))).answer(200, issue_comment(7, marked("two")));
  const auto provider = github();
  RemoteState remote = known_remote();
  post_comment(*provider, "one", remote, sender);
  post_comment(*provider, "two", remote, sender);
  BOOST_TEST(sender.lines() ==
             (std::vector<std::string>{"POST /repos/acme/web/issues/42/comments",
                                       "PATCH /repos/acme/web/issues/comments/7"}));
  BOOST_TEST(sender.requests.at(1).body == R"({"body":)" + quoted(marked("two")) + "}");
  BOOST_TEST(!sender.requests.at(0).idempotent);
  BOOST_TEST(remote.remote_id == "7");
  expect_github_valid(sender);
}

BOOST_AUTO_TEST_CASE(a_deleted_comment_is_created_again) {
  ScriptedSender sender;
  sender.answer(404, R"({"message":"Not Found"})").answer(201, issue_comment(8, marked("x")));
  RemoteState remote = known_remote();
  remote.remote_id = "7";
  post_comment(*github(), "x", remote, sender);
  BOOST_TEST(sender.lines() ==
             (std::vector<std::string>{"PATCH /repos/acme/web/issues/comments/7",
                                       "POST /repos/acme/web/issues/42/comments"}));
  BOOST_TEST(remote.remote_id == "8");
}

BOOST_AUTO_TEST_CASE(a_cold_slot_lists_every_page_once_per_pull_request) {
  ScriptedSender sender;
  sender.answer(200, "[" + issue_comment(1, "hello") + "]", {{"Link", page_link(2)}});
  sender.answer(200, "[" + issue_comment(2, marked("old")) + "," +
                         issue_comment(3, marked("lint", "lint")) + "]");
  sender.answer(200, issue_comment(2, marked("new")));
  const auto provider = github();
  RemoteState remote;
  post_comment(*provider, "new", remote, sender);
  // A second key of the same pull request is found in the listing already made: unchanged.
  RemoteState lint;
  provider->deliver(comment_slot("lint"), CommentContent{"lint"}, false, lint, sender);
  BOOST_TEST(sender.lines() ==
             (std::vector<std::string>{"GET /repos/acme/web/issues/42/comments?per_page=100&page=1",
                                       "GET /repos/acme/web/issues/42/comments?per_page=100&page=2",
                                       "PATCH /repos/acme/web/issues/comments/2"}));
  BOOST_TEST(lint.remote_id == "3");
  expect_github_valid(sender);
}

BOOST_AUTO_TEST_CASE(a_listing_read_again_asks_if_none_match_and_reuses_a_304) {
  ScriptedSender sender;
  // First delivery: listing (ETag "v1"), create answered 502 (ambiguous).
  sender.answer(200, "[]", {{"ETag", R"("v1")"}}).answer(502, "bad gateway");
  // Retry: listing afresh is conditional; 304 reuses the remembered (empty) list; create.
  sender.answer(304, "").answer(201, issue_comment(5, marked("x")));
  const auto provider = github();
  RemoteState remote;
  BOOST_CHECK_THROW(post_comment(*provider, "x", remote, sender), HostError);
  BOOST_TEST(remote.create_ambiguous);
  post_comment(*provider, "x", remote, sender);
  BOOST_TEST(header_of(sender.requests.at(0), "If-None-Match").empty());
  BOOST_TEST(header_of(sender.requests.at(2), "If-None-Match") == R"("v1")");
  BOOST_TEST(sender.lines().at(3) == "POST /repos/acme/web/issues/42/comments");
  BOOST_TEST(remote.remote_id == "5");
}

BOOST_AUTO_TEST_CASE(a_missing_pull_request_holds_no_comments) {
  ScriptedSender sender;
  sender.answer(404, R"({"message":"Not Found"})").answer(201, issue_comment(9, marked("x")));
  RemoteState remote;
  post_comment(*github(), "x", remote, sender);
  BOOST_TEST(sender.lines().size() == 2u);
  BOOST_TEST(remote.remote_id == "9");
}

BOOST_AUTO_TEST_CASE(next_links_are_found_among_the_relations) {
  BOOST_TEST(next_link(R"(<https://h/x?page=2>; rel="next", <https://h/x?page=5>; rel="last")") ==
             "https://h/x?page=2");
  BOOST_TEST(next_link(R"(<https://h/x?page=1>; rel="prev", <https://h/x?page=3>; rel="next")") ==
             "https://h/x?page=3");
  BOOST_TEST(next_link(R"(<https://h/x?page=1>; rel="first")") == "");
  BOOST_TEST(next_link("") == "");
  BOOST_TEST(next_link("<https://h/x; rel=") == "");
  BOOST_TEST(target_from_link("https://ghe.example/api/v3/repos/a/b/issues/1/comments?page=2",
                              "https://ghe.example/api/v3") ==
             "/repos/a/b/issues/1/comments?page=2");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
