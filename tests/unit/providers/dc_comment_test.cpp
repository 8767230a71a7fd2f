#include <boost/test/unit_test.hpp>

#include "comment_json.h"
#include "dc_fixtures.h"

namespace cib::test {

namespace {

std::string comment_answer(int id, int version, const std::string& text) {
  return R"({"id":)" + std::to_string(id) + R"(,"version":)" + std::to_string(version) +
         R"(,"text":)" + quoted(text) + "}";
}

std::string commented(int id, int version, const std::string& text) {
  return R"({"id":)" + std::to_string(9000 + id) +
         R"(,"action":"COMMENTED","commentAction":)"
         R"("ADDED","comment":)" +
         comment_answer(id, version, text) + "}";
}

// One page of activities; `next_start` >= 0 says more follow from there.
std::string activity_page(const std::vector<std::string>& activities, int next_start = -1) {
  std::string out = R"({"values":[)";
  for (std::size_t i = 0; i < activities.size(); ++i) out += (i ? "," : "") + activities[i];
  out += "],";
  out += next_start < 0
             ? R"("isLastPage":true})"
             : R"("isLastPage":false,"nextPageStart":)" + std::to_string(next_start) + "}";
  return out;
}

std::string comment_path(int id) {
  return std::string(kDcComments) + '/' + std::to_string(id);
}

std::string edit_body(const std::string& text, int version) {
  return R"({"text":)" + quoted(text) + R"(,"version":)" + std::to_string(version) + "}";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dc_comment)

BOOST_AUTO_TEST_CASE(a_comment_is_created_then_edited_with_the_version_the_host_gave) {
  ScriptedSender sender = dc_sender();
  sender.answer(201, comment_answer(17, 0, marked("Coverage 80%")));
  const auto provider = data_center();
  RemoteState remote = known_remote();
  post_comment(*provider, "Coverage 80%", remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("POST ") + kDcComments}));
  BOOST_TEST(sender.requests[0].body == R"({"text":)" + quoted(marked("Coverage 80%")) + "}");
  BOOST_TEST(!sender.requests[0].idempotent);
  BOOST_TEST(remote.remote_id == "17@0");

  sender.answer(200, comment_answer(17, 1, marked("Coverage 81%")));
  sender.answer(200, comment_answer(17, 2, marked("Coverage 82%")));
  post_comment(*provider, "Coverage 81%", remote, sender);
  post_comment(*provider, "Coverage 82%", remote, sender);
  BOOST_TEST(sender.lines() ==
             (std::vector<std::string>{std::string("POST ") + kDcComments,
                                       "PUT " + comment_path(17), "PUT " + comment_path(17)}));
  BOOST_TEST(sender.requests[1].body == edit_body(marked("Coverage 81%"), 0));
  BOOST_TEST(sender.requests[2].body == edit_body(marked("Coverage 82%"), 1));
  BOOST_TEST(remote.remote_id == "17@2");
}

// Someone edited the comment since: DC answers 409; its version is read and the edit sent once
// more.
BOOST_AUTO_TEST_CASE(a_stale_version_is_read_again_and_the_edit_sent_once_more) {
  ScriptedSender sender = dc_sender();
  sender.answer(409, R"({"errors":[{"message":"You are attempting to modify a comment based on )"
                     R"(out-of-date information.","exceptionName":"com.atlassian.bitbucket.)"
                     R"(comment.CommentOutOfDateException"}]})");
  sender.answer(200, comment_answer(17, 5, "edited by a person"));
  sender.answer(200, comment_answer(17, 6, marked("x")));
  RemoteState remote = known_remote();
  remote.remote_id = "17@2";
  const DeliveryOutcome outcome = post_comment(*data_center(), "x", remote, sender);
  BOOST_TEST(sender.lines() ==
             (std::vector<std::string>{"PUT " + comment_path(17), "GET " + comment_path(17),
                                       "PUT " + comment_path(17)}));
  BOOST_TEST(sender.requests[2].body == edit_body(marked("x"), 5));
  BOOST_TEST(outcome.requests == 3);
  BOOST_TEST(remote.remote_id == "17@6");
}

BOOST_AUTO_TEST_CASE(a_second_409_is_a_host_error_retried_later) {
  ScriptedSender sender = dc_sender();
  sender.answer(409, R"({"errors":[{"message":"out-of-date"}]})")
      .answer(200, comment_answer(17, 5, "a"))
      .answer(409, R"({"errors":[{"message":"out-of-date again"}]})");
  RemoteState remote = known_remote();
  remote.remote_id = "17@2";
  const auto provider = data_center();
  const HostError error = host_error_of([&] { post_comment(*provider, "x", remote, sender); });
  BOOST_TEST(error.http_status() == 409);
  BOOST_TEST(error.transient());
  BOOST_TEST(error.retry_after_ms() == 1000);
  BOOST_TEST(std::string(error.what()).find("out-of-date again") != std::string::npos);
  BOOST_TEST(sender.requests.size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_comment_deleted_on_the_host_is_created_again) {
  ScriptedSender sender = dc_sender();
  sender.answer(404, R"({"errors":[{"message":"Comment 17 does not exist."}]})")
      .answer(201, comment_answer(18, 0, marked("x")));
  RemoteState remote = known_remote();
  remote.remote_id = "17@3";
  post_comment(*data_center(), "x", remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{"PUT " + comment_path(17),
                                                         std::string("POST ") + kDcComments}));
  BOOST_TEST(remote.remote_id == "18@0");
}

// After a restart nothing is remembered: the PR's activities are read page by page, the marked
// comment found on the second page (with its current version) is edited, and another key of
// the same PR uses the same reading.
BOOST_AUTO_TEST_CASE(after_a_restart_the_activities_find_the_marker_once_per_pr) {
  ScriptedSender sender = dc_sender();
  sender.answer(200,
                activity_page({commented(30, 0, "LGTM"), R"({"id":1,"action":"APPROVED"})"}, 2));
  sender.answer(200, activity_page({commented(21, 4, marked("Coverage 70%")),
                                    commented(22, 0, marked("lint ok", "lint"))}));
  sender.answer(200, comment_answer(21, 5, marked("Coverage 80%")));
  const auto provider = data_center();
  RemoteState remote;  // nothing known
  const DeliveryOutcome outcome = post_comment(*provider, "Coverage 80%", remote, sender);
  BOOST_TEST(sender.lines() ==
             (std::vector<std::string>{std::string("GET ") + kDcActivities + "?start=0&limit=100",
                                       std::string("GET ") + kDcActivities + "?start=2&limit=100",
                                       "PUT " + comment_path(21)}));
  BOOST_TEST(sender.requests[2].body == edit_body(marked("Coverage 80%"), 4));
  BOOST_TEST(outcome.requests == 3);
  BOOST_TEST(remote.remote_id == "21@5");

  // The lint comment holds its text already: nothing is sent, and the PR is not read again.
  sender.clear();
  RemoteState lint;
  const DeliveryOutcome none =
      provider->deliver(comment_slot("lint"), CommentContent{"lint ok"}, false, lint, sender);
  BOOST_TEST(none.requests == 0);
  BOOST_TEST(lint.remote_id == "22@0");
}

BOOST_AUTO_TEST_CASE(the_oldest_comment_wins_when_two_carry_the_key) {
  ScriptedSender sender = dc_sender();
  // DC lists the newest activity first.
  sender.answer(200, activity_page({commented(40, 0, marked("new copy")),
                                    commented(12, 3, marked("old copy"))}));
  sender.answer(200, comment_answer(12, 4, marked("x")));
  RemoteState remote;
  post_comment(*data_center(), "x", remote, sender);
  BOOST_TEST(sender.lines().back() == "PUT " + comment_path(12));
  BOOST_TEST(remote.remote_id == "12@4");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
