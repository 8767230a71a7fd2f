#include <boost/test/unit_test.hpp>

#include "comment_json.h"
#include "provider_fixtures.h"
#include "scripted_sender.h"

namespace cib::test {

namespace {

constexpr const char* kNotes = "/projects/acme%2Fweb/merge_requests/42/notes";

std::string note(int id, const std::string& body) {
  return R"({"id":)" + std::to_string(id) + R"(,"body":)" + quoted(body) + R"(,"system":false})";
}

std::string page_query(int page) {
  return "?per_page=100&page=" + std::to_string(page) + "&sort=asc&order_by=created_at";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gitlab_note)

BOOST_AUTO_TEST_CASE(first_delivery_creates_a_marked_note_then_edits_it_in_place) {
  ScriptedSender sender;
  sender.answer(201, note(7001, marked("Coverage 80%")));
  const auto provider = gitlab();
  RemoteState remote = known_remote();
  post_comment(*provider, "Coverage 80%", remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("POST ") + kNotes}));
  BOOST_TEST(sender.requests[0].body == R"({"body":)" + quoted(marked("Coverage 80%")) + "}");
  BOOST_TEST(!sender.requests[0].idempotent);
  BOOST_TEST(remote.remote_id == "7001");
  BOOST_TEST(!remote.create_ambiguous);

  sender.clear();
  sender.answer(200, note(7001, marked("Coverage 81%")));
  post_comment(*provider, "Coverage 81%", remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("PUT ") + kNotes + "/7001"}));
  BOOST_TEST(sender.requests[0].body == R"({"body":)" + quoted(marked("Coverage 81%")) + "}");
  BOOST_TEST(sender.requests[0].idempotent);
}

BOOST_AUTO_TEST_CASE(a_note_deleted_on_the_host_is_created_again) {
  ScriptedSender sender;
  sender.answer(404, R"({"message":"404 Not found"})").answer(201, note(7002, marked("x")));
  RemoteState remote = known_remote();
  remote.remote_id = "7001";
  post_comment(*gitlab(), "x", remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("PUT ") + kNotes + "/7001",
                                                         std::string("POST ") + kNotes}));
  BOOST_TEST(remote.remote_id == "7002");
}

// After a restart nothing is remembered: the notes are listed, two pages here, and the marked
// one found on the second is edited rather than a second one created.
BOOST_AUTO_TEST_CASE(after_a_restart_the_notes_are_listed_page_by_page_to_find_the_marker) {
  ScriptedSender sender;
  sender.answer(200, "[" + note(1, "LGTM") + "," + note(2, marked("other", "lint")) + "]",
                {{"X-Next-Page", "2"}, {"X-Total", "3"}});
  sender.answer(200, "[" + note(3, marked("Coverage 70%")) + "]", {{"X-Next-Page", ""}});
  sender.answer(200, note(3, marked("Coverage 80%")));
  const auto provider = gitlab();
  RemoteState remote;  // nothing known
  const DeliveryOutcome outcome = post_comment(*provider, "Coverage 80%", remote, sender);
  BOOST_TEST(sender.lines() ==
             (std::vector<std::string>{std::string("GET ") + kNotes + page_query(1),
                                       std::string("GET ") + kNotes + page_query(2),
                                       std::string("PUT ") + kNotes + "/3"}));
  BOOST_TEST(outcome.requests == 3);
  BOOST_TEST(remote.remote_id == "3");
  BOOST_TEST(remote.host_known);

  // Another key of the same merge request: the listing is reused, the note created.
  sender.clear();
  sender.answer(201, note(9, marked("new", "perf")));
  RemoteState other;
  provider->deliver(comment_slot("perf"), CommentContent{"new"}, false, other, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("POST ") + kNotes}));
}

BOOST_AUTO_TEST_CASE(a_found_note_that_already_holds_the_text_is_left_alone) {
  ScriptedSender sender;
  sender.answer(200, "[" + note(5, marked("same")) + "]");
  RemoteState remote;
  post_comment(*gitlab(), "same", remote, sender);
  BOOST_TEST(sender.requests.size() == 1u);
  BOOST_TEST(remote.remote_id == "5");
}

BOOST_AUTO_TEST_CASE(a_create_whose_answer_names_no_note_stays_ambiguous) {
  ScriptedSender sender;
  sender.answer(201, R"({"body":"no id"})");
  RemoteState remote = known_remote();
  BOOST_CHECK_THROW(post_comment(*gitlab(), "x", remote, sender), HostError);
  BOOST_TEST(remote.create_ambiguous);
  // The next delivery lists the notes before it creates anything.
  sender.clear();
  sender.answer(200, "[" + note(11, marked("x")) + "]");
  post_comment(*gitlab(), "x", remote, sender);
  BOOST_TEST(sender.lines() ==
             (std::vector<std::string>{std::string("GET ") + kNotes + page_query(1)}));
  BOOST_TEST(remote.remote_id == "11");
  BOOST_TEST(!remote.create_ambiguous);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
