#include <boost/test/unit_test.hpp>

#include "provider_fixtures.h"
#include "scripted_sender.h"

namespace cib::test {

namespace {

HostError error_for(ScriptedSender& sender, const Content& content, const SlotId& slot,
                    RemoteState remote = known_remote()) {
  return host_error_of([&] { bitbucket()->deliver(slot, content, false, remote, sender); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(host_error)

BOOST_AUTO_TEST_CASE(message_names_request_status_and_the_hosts_words) {
  ScriptedSender sender;
  sender.answer(400,
                R"({"type":"error","error":{"message":"state: \"BOGUS\" is not a valid choice"}})");
  const HostError e = error_for(sender, StatusContent{}, status_slot());
  BOOST_TEST(std::string(e.what()) ==
             "POST /repositories/acme/web/commit/abc0123/statuses/build: 400 Bad Request: "
             "state: \"BOGUS\" is not a valid choice");
  BOOST_TEST(e.http_status() == 400);
  BOOST_TEST(e.retry_after_ms() == -1);
}

BOOST_AUTO_TEST_CASE(message_adds_the_hosts_detail) {
  ScriptedSender sender;
  sender.answer(403,
                R"({"type":"error","error":{"message":"Forbidden","detail":"no write access"}})");
  const HostError e = error_for(sender, StatusContent{}, status_slot());
  BOOST_TEST(std::string(e.what()) ==
             "POST /repositories/acme/web/commit/abc0123/statuses/build: 403 Forbidden: "
             "Forbidden (no write access)");
}

BOOST_AUTO_TEST_CASE(message_drops_the_query_string) {
  ScriptedSender sender;
  sender.answer(403, R"({"type":"error","error":{"message":"no access"}})");
  RemoteState remote = known_remote();
  remote.create_ambiguous = true;
  const HostError e = error_for(sender, CommentContent{"x"}, comment_slot(), remote);
  BOOST_TEST(std::string(e.what()) ==
             "GET /repositories/acme/web/pullrequests/42/comments: 403 Forbidden: no access");
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_error_json_is_quoted_up_to_200_characters) {
  ScriptedSender sender;
  sender.answer(502, "<html>" + std::string(300, 'x'));
  const HostError e = error_for(sender, StatusContent{}, status_slot());
  const std::string message = e.what();
  const std::string prefix =
      "POST /repositories/acme/web/commit/abc0123/statuses/build: 502 Bad Gateway: <html>";
  BOOST_TEST(message.substr(0, prefix.size()) == prefix);
  BOOST_TEST(message.size() == prefix.size() - 6 + 200);
}

BOOST_AUTO_TEST_CASE(an_empty_body_or_an_unknown_status_leaves_nothing_dangling) {
  ScriptedSender sender;
  sender.answer(500, "").answer(599, "odd");
  BOOST_TEST(
      std::string(error_for(sender, StatusContent{}, status_slot()).what()) ==
      "POST /repositories/acme/web/commit/abc0123/statuses/build: 500 Internal Server Error");
  BOOST_TEST(std::string(error_for(sender, StatusContent{}, status_slot()).what()) ==
             "POST /repositories/acme/web/commit/abc0123/statuses/build: 599: odd");
}

BOOST_AUTO_TEST_CASE(rate_limit_answers_carry_retry_after_in_milliseconds) {
  for (int status : {429, 503}) {
    ScriptedSender sender;
    sender.answer(status, "{}", {{"retry-after", "30"}});
    BOOST_TEST(error_for(sender, StatusContent{}, status_slot()).retry_after_ms() == 30000);
  }
  ScriptedSender without;
  without.answer(429, "{}");
  BOOST_TEST(error_for(without, StatusContent{}, status_slot()).retry_after_ms() == -1);
  ScriptedSender not_rate_limited;
  not_rate_limited.answer(500, "{}", {{"Retry-After", "30"}});
  BOOST_TEST(error_for(not_rate_limited, StatusContent{}, status_slot()).retry_after_ms() == -1);
}

BOOST_AUTO_TEST_CASE(a_failed_create_on_a_server_error_is_reconciled_later) {
  ScriptedSender sender;
  sender.answer(502, "bad gateway");
  RemoteState remote = known_remote();
  BOOST_CHECK_THROW(
      bitbucket()->deliver(comment_slot(), CommentContent{"x"}, false, remote, sender), HostError);
  BOOST_TEST(remote.create_ambiguous);
}

// A 201 whose body cannot be read (a proxy's page, a cut answer): the comment may exist, so the
// create stays ambiguous, and the error is transient, retried rather than failed for good.
BOOST_AUTO_TEST_CASE(an_unreadable_success_is_transient_and_keeps_the_create_ambiguous) {
  ScriptedSender sender;
  sender.answer(201, "<html>gateway</html>");
  RemoteState remote = known_remote();
  const HostError e = host_error_of(
      [&] { bitbucket()->deliver(comment_slot(), CommentContent{"x"}, false, remote, sender); });
  BOOST_TEST(e.http_status() == 201);
  BOOST_TEST(e.transient());
  BOOST_TEST(remote.create_ambiguous);
}

// A secret the host quotes is redacted before the text is shortened, so no part of it is left
// at the cut; control characters are escaped so a quoted answer cannot forge log lines.
BOOST_AUTO_TEST_CASE(the_hosts_words_are_redacted_then_shortened_and_escaped) {
  const std::string secret = "tok-0123456789abcdef";
  ScriptedSender sender;
  sender.secret = secret;
  sender.answer(
      400, R"({"type":"error","error":{"message":")" + std::string(190, 'm') + secret + R"("}})");
  const std::string json = error_for(sender, StatusContent{}, status_slot()).what();
  BOOST_TEST(json.find("tok-") == std::string::npos);
  BOOST_TEST(json.find(std::string(190, 'm') + "[redacted]") != std::string::npos);

  ScriptedSender text;
  text.secret = secret;
  text.answer(400, "line one\r\nAuthorization: Bearer " + secret + "\x01\tend");
  BOOST_TEST(std::string(error_for(text, StatusContent{}, status_slot()).what()) ==
             "POST /repositories/acme/web/commit/abc0123/statuses/build: 400 Bad Request: "
             "line one\\r\\nAuthorization: Bearer [redacted]\\x01\\tend");
}

BOOST_AUTO_TEST_CASE(the_hosts_error_message_is_cut_to_200_bytes_never_inside_a_character) {
  ScriptedSender sender;
  sender.answer(400, R"({"type":"error","error":{"message":")" + std::string(199, 'm') +
                         "\xc3\xa9" + std::string(100, 'n') + R"("}})");
  const std::string message = error_for(sender, StatusContent{}, status_slot()).what();
  const std::string prefix =
      "POST /repositories/acme/web/commit/abc0123/statuses/build: 400 Bad Request: ";
  BOOST_TEST(message == prefix + std::string(199, 'm'));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
