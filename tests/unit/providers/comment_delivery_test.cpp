#include <boost/test/unit_test.hpp>

#include "comment_json.h"
#include "provider_fixtures.h"
#include "scripted_sender.h"

namespace cib::test {

namespace {

const char* const kComments = "/repositories/acme/web/pullrequests/42/comments";

}  // namespace

BOOST_AUTO_TEST_SUITE(comment_delivery)

BOOST_AUTO_TEST_CASE(first_delivery_creates_a_marked_comment_and_remembers_its_id) {
  ScriptedSender sender;
  sender.answer(201, comment_json(77, marked("Coverage 81%")));
  RemoteState remote = known_remote();
  const DeliveryOutcome outcome = post_comment(*bitbucket(), "Coverage 81%", remote, sender);
  BOOST_REQUIRE_EQUAL(sender.requests.size(), 1u);
  BOOST_TEST(sender.lines()[0] == std::string("POST ") + kComments);
  BOOST_TEST(sender.requests[0].body == body_of(marked("Coverage 81%")));
  BOOST_TEST(!sender.requests[0].idempotent);
  BOOST_TEST(remote.remote_id == "77");
  BOOST_TEST(outcome.http_status == 201);
}

BOOST_AUTO_TEST_CASE(a_remembered_comment_is_updated_in_place) {
  ScriptedSender sender;
  sender.answer(200, comment_json(77, marked("Coverage 82%")));
  RemoteState remote = known_remote();
  remote.remote_id = "77";
  post_comment(*bitbucket(), "Coverage 82%", remote, sender);
  BOOST_REQUIRE_EQUAL(sender.requests.size(), 1u);
  BOOST_TEST(sender.lines()[0] == std::string("PUT ") + kComments + "/77");
  BOOST_TEST(sender.requests[0].body == body_of(marked("Coverage 82%")));
  BOOST_TEST(remote.remote_id == "77");
}

BOOST_AUTO_TEST_CASE(a_remembered_comment_that_is_gone_is_created_anew) {
  for (int gone : {404, 410}) {
    ScriptedSender sender;
    sender.answer(gone, R"({"type":"error","error":{"message":"No such comment"}})")
        .answer(201, comment_json(91, marked("x")));
    RemoteState remote = known_remote();
    remote.remote_id = "77";
    const DeliveryOutcome outcome = post_comment(*bitbucket(), "x", remote, sender);
    BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("PUT ") + kComments + "/77",
                                                           std::string("POST ") + kComments}));
    BOOST_TEST(remote.remote_id == "91");
    BOOST_TEST(outcome.requests == 2);
  }
}

BOOST_AUTO_TEST_CASE(a_remembered_comment_marked_deleted_is_created_anew) {
  ScriptedSender sender;
  sender.answer(200, comment_json(77, "", true)).answer(201, comment_json(92, marked("x")));
  RemoteState remote = known_remote();
  remote.remote_id = "77";
  post_comment(*bitbucket(), "x", remote, sender);
  BOOST_TEST(sender.lines().size() == 2u);
  BOOST_TEST(sender.lines().at(1) == std::string("POST ") + kComments);
  BOOST_TEST(remote.remote_id == "92");
}

BOOST_AUTO_TEST_CASE(an_ambiguous_create_is_remembered_and_the_error_passes_through) {
  for (auto kind : {TransportError::Kind::ambiguous, TransportError::Kind::timeout}) {
    ScriptedSender sender;
    sender.fail(kind);
    RemoteState remote = known_remote();
    BOOST_CHECK_THROW(post_comment(*bitbucket(), "x", remote, sender), TransportError);
    BOOST_TEST(remote.create_ambiguous);
    BOOST_TEST(remote.remote_id.empty());
  }
}

BOOST_AUTO_TEST_CASE(a_create_that_never_left_is_not_ambiguous) {
  ScriptedSender sender;
  sender.fail(TransportError::Kind::connect);
  RemoteState remote = known_remote();
  BOOST_CHECK_THROW(post_comment(*bitbucket(), "x", remote, sender), TransportError);
  BOOST_TEST(!remote.create_ambiguous);
}

BOOST_AUTO_TEST_CASE(reconcile_follows_next_links_and_updates_the_marked_comment) {
  ScriptedSender sender;
  // Page 1: another key whose name starts with ours, and our marker on a deleted comment.
  sender
      .answer(200, "{\"values\":[" + comment_json(5, marked("old", "coverage-old")) + "," +
                       comment_json(6, marked("gone"), true) +
                       "],\"next\":\"https://api.bitbucket.org/2.0/repositories/acme/web/"
                       "pullrequests/42/comments?pagelen=100&page=2\"}")
      .answer(200, "{\"values\":[" + comment_json(8, "hello") + "," +
                       comment_json(9, marked("Coverage 80%")) + "]}")
      .answer(200, comment_json(9, marked("Coverage 81%")));
  RemoteState remote = known_remote();
  remote.create_ambiguous = true;
  post_comment(*bitbucket(), "Coverage 81%", remote, sender);
  BOOST_TEST(sender.lines() ==
             (std::vector<std::string>{std::string("GET ") + kComments + "?pagelen=100",
                                       std::string("GET ") + kComments + "?pagelen=100&page=2",
                                       std::string("PUT ") + kComments + "/9"}));
  BOOST_TEST(remote.remote_id == "9");
  BOOST_TEST(!remote.create_ambiguous);
}

BOOST_AUTO_TEST_CASE(reconcile_that_finds_the_same_text_sends_nothing_more) {
  ScriptedSender sender;
  sender.answer(200, "{\"values\":[" + comment_json(9, marked("Coverage 81%")) + "]}");
  RemoteState remote = known_remote();
  remote.create_ambiguous = true;
  const DeliveryOutcome outcome = post_comment(*bitbucket(), "Coverage 81%", remote, sender);
  BOOST_TEST(outcome.requests == 1);
  BOOST_TEST(remote.remote_id == "9");
  BOOST_TEST(!remote.create_ambiguous);
}

BOOST_AUTO_TEST_CASE(reconcile_that_finds_nothing_creates_the_comment) {
  ScriptedSender sender;
  sender.answer(200, "{\"values\":[" + comment_json(5, "unrelated") + "]}")
      .answer(201, comment_json(10, marked("x")));
  RemoteState remote = known_remote();
  remote.create_ambiguous = true;
  post_comment(*bitbucket(), "x", remote, sender);
  BOOST_TEST(sender.lines().back() == std::string("POST ") + kComments);
  BOOST_TEST(remote.remote_id == "10");
  BOOST_TEST(!remote.create_ambiguous);
}

BOOST_AUTO_TEST_CASE(a_next_link_under_an_api_path_prefix_becomes_a_relative_target) {
  Settings settings;
  settings.api_url = "http://127.0.0.1:8080/bb/2.0";
  const auto provider = make_provider(settings);
  ScriptedSender sender;
  sender.answer(200, R"({"values":[],"next":"http://localhost:8080/bb/2.0/x?page=2"})")
      .answer(200, R"({"values":[]})")
      .answer(201, comment_json(3, marked("x")));
  RemoteState remote = known_remote();
  remote.create_ambiguous = true;
  post_comment(*provider, "x", remote, sender);
  BOOST_TEST(sender.lines().at(1) == "GET /x?page=2");
}

BOOST_AUTO_TEST_CASE(append_mode_always_creates_a_new_comment) {
  const auto provider = bitbucket(CommentsMode::append);
  ScriptedSender sender;
  sender.answer(201, comment_json(1, "a")).answer(201, comment_json(2, "b"));
  RemoteState remote = known_remote();
  post_comment(*provider, "a", remote, sender);
  remote.create_ambiguous = true;  // append mode neither reconciles nor edits
  post_comment(*provider, "b", remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("POST ") + kComments,
                                                         std::string("POST ") + kComments}));
}

BOOST_AUTO_TEST_CASE(summary_mode_upserts_like_upsert_mode) {
  ScriptedSender sender;
  sender.answer(200, comment_json(77, marked("merged")));
  RemoteState remote = known_remote();
  remote.remote_id = "77";
  post_comment(*bitbucket(CommentsMode::summary), "merged", remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("PUT ") + kComments + "/77"}));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
