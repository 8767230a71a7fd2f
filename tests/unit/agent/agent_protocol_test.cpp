// The agent's protocol, version 1: requests and replies survive their own encoding, every line
// that is not a request of this version is refused with the word and member the reply names,
// and routes match identities as docs/AGENT.md says.
#include "agent_protocol.h"

#include <boost/test/unit_test.hpp>

namespace cib::agent {
namespace {

// The refusal of `line`: its word, and whether its message holds `part`.
std::string refusal(const std::string& line, const std::string& part) {
  try {
    parse_request(line);
  } catch (const ProtocolError& e) {
    BOOST_TEST(std::string(e.what()).find(part) != std::string::npos, e.what());
    return e.word();
  }
  BOOST_ERROR("accepted: " << line);
  return "";
}

const char* const kStatus =
    R"({"op":"status","repo":"acme/web","commit":"3f2c8a1e","key":"build","state":"SUCCESSFUL"})";

DeliveryRecord record(std::int32_t kind, std::int32_t outcome) {
  return {7, kind, "acme/web", "3f2c8a1e", 12, "build", outcome, 201, "Créé \"ok\"\n"};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(agent_protocol)

BOOST_AUTO_TEST_CASE(a_hello_survives_its_encoding) {
  BOOST_TEST(std::holds_alternative<HelloRequest>(parse_request(encode(HelloRequest{}))));
}

BOOST_AUTO_TEST_CASE(a_post_survives_its_encoding_with_its_op_untouched) {
  PostRequest post;
  post.route = Route{"github", "https://api.github.com", "ci-bot"};
  post.tag = kMaxRequestTag;
  post.force = true;
  post.wait_ms = 30000;
  post.post_json = kStatus;
  post.server_url = "https://sonar.example.com";
  const Request decoded = parse_request(encode(post));
  const auto& p = std::get<PostRequest>(decoded);
  BOOST_TEST_REQUIRE(p.route.has_value());
  BOOST_TEST(p.route->kind == "github");
  BOOST_TEST(p.route->api_url == "https://api.github.com");
  BOOST_TEST(p.route->account == "ci-bot");
  BOOST_TEST(p.tag == kMaxRequestTag);
  BOOST_TEST(p.force);
  BOOST_TEST(p.wait_ms == 30000);
  BOOST_TEST(p.server_url == "https://sonar.example.com");
  BOOST_TEST(p.dashboard_url.empty());
  BOOST_TEST(p.post_json.find("\"state\":\"SUCCESSFUL\"") != std::string::npos, p.post_json);
}

BOOST_AUTO_TEST_CASE(a_post_without_route_or_options_takes_the_defaults) {
  const auto p = std::get<PostRequest>(
      parse_request(std::string(R"({"v":1,"op":"post","post":)") + kStatus + "}"));
  BOOST_TEST(!p.route.has_value());
  BOOST_TEST(p.tag == 0u);
  BOOST_TEST(!p.force);
  BOOST_TEST(p.wait_ms == -1);
}

BOOST_AUTO_TEST_CASE(a_flush_survives_its_encoding_and_waits_30_s_by_default) {
  FlushRequest flush;
  flush.tag = 41;
  flush.timeout_ms = -1;
  const auto f = std::get<FlushRequest>(parse_request(encode(flush)));
  BOOST_TEST(f.tag == 41u);
  BOOST_TEST(f.timeout_ms == -1);
  BOOST_TEST(!f.route.has_value());
  const auto plain = std::get<FlushRequest>(parse_request(R"({"v":1,"op":"flush","route":null})"));
  BOOST_TEST(plain.timeout_ms == 30000);
  BOOST_TEST(!plain.route.has_value());
}

BOOST_AUTO_TEST_CASE(a_missing_or_other_version_is_refused_saying_the_agent_speaks_1) {
  BOOST_TEST(refusal(R"({"op":"hello"})", "speaks 1") == "version");
  BOOST_TEST(refusal(R"({"v":2,"op":"hello"})", "speaks 1") == "version");
  BOOST_TEST(refusal(R"({"v":"1","op":"hello"})", "speaks") == "version");
  BOOST_TEST(refusal(R"({"v":1.5,"op":"hello"})", "speaks") == "version");
}

BOOST_AUTO_TEST_CASE(lines_that_are_not_one_object_are_protocol_errors) {
  BOOST_TEST(refusal("", "") == "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":)", "not JSON") == "protocol");
  BOOST_TEST(refusal("[1,2]", "one JSON object") == "protocol");
  BOOST_TEST(refusal("null", "") == "protocol");
  BOOST_TEST(refusal("\"hello\"", "") == "protocol");
  BOOST_TEST(refusal(std::string(1000, '[') + std::string(1000, ']'), "not JSON") == "protocol");
}

BOOST_AUTO_TEST_CASE(an_unknown_or_missing_op_is_named) {
  BOOST_TEST(refusal(R"({"v":1,"op":"drop"})", "unknown op \"drop\"") == "protocol");
  BOOST_TEST(refusal(R"({"v":1})", "missing member \"op\"") == "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":7})", "op: expected a string") == "protocol");
}

BOOST_AUTO_TEST_CASE(a_member_missing_unknown_or_of_the_wrong_type_is_named) {
  BOOST_TEST(refusal(R"({"v":1,"op":"post"})", "missing member \"post\"") == "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":"post","post":"status"})", "post: expected an object") ==
             "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":"hello","wait_ms":5})", "unknown member \"wait_ms\"") ==
             "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":"flush","tag":-1})", "tag: expected an integer") == "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":"flush","tag":9223372036854775808})", "tag") == "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":"flush","timeout_ms":-2})", "timeout_ms") == "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":"flush","tag":"3"})", "tag") == "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":"post","force":1,"post":{}})", "force: expected true") ==
             "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":"post","wait_ms":-5,"post":{}})", "wait_ms") == "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":"flush","route":{"kind":1}})", "route.kind") == "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":"flush","route":{"host":"x"}})", "route.unknown member") ==
             "protocol");
  BOOST_TEST(refusal(R"({"v":1,"op":"flush","route":[]})", "route: expected an object") ==
             "protocol");
}

BOOST_AUTO_TEST_CASE(a_hello_reply_survives_its_encoding) {
  AgentInfo info{4242, 1000, "jenkins", "1.7.0", "/run/agent.sock", {}};
  info.identities = {{"github", "https://api.github.com", "ci-bot"},
                     {"gitlab", "https://gitlab.example.com/api/v4", ""}};
  const Answer a = parse_answer(hello_reply(info));
  BOOST_TEST(a.ok);
  BOOST_TEST_REQUIRE(a.info.has_value());
  BOOST_TEST(a.info->pid == 4242);
  BOOST_TEST(a.info->uid == 1000);
  BOOST_TEST(a.info->user == "jenkins");
  BOOST_TEST(a.info->version == "1.7.0");
  BOOST_TEST(a.info->socket == "/run/agent.sock");
  BOOST_TEST_REQUIRE(a.info->identities.size() == 2u);
  BOOST_TEST(a.info->identities[1].api_url == "https://gitlab.example.com/api/v4");
  BOOST_TEST(a.info->identities[0].account == "ci-bot");
  BOOST_TEST(!a.settled.has_value());
}

BOOST_AUTO_TEST_CASE(a_settled_reply_carries_every_report_word_for_word) {
  Settled settled{"CIB_ERR_UNDELIVERED", 2, "2 posts left", {}};
  settled.reports = {record(0, 0), record(1, 1), record(2, 2), record(0, 3)};
  const Answer a = parse_answer(settled_reply(settled));
  BOOST_TEST(a.ok);
  BOOST_TEST(a.status == "CIB_OK");
  BOOST_TEST_REQUIRE(a.settled.has_value());
  BOOST_TEST(a.settled->status == "CIB_ERR_UNDELIVERED");
  BOOST_TEST(a.settled->left == 2u);
  BOOST_TEST(a.settled->message == "2 posts left");
  BOOST_TEST_REQUIRE(a.settled->reports.size() == 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    const DeliveryRecord& r = a.settled->reports[i];
    BOOST_TEST(r.kind == settled.reports[i].kind);
    BOOST_TEST(r.outcome == settled.reports[i].outcome);
    BOOST_TEST(r.tag == 7u);
    BOOST_TEST(r.repo == "acme/web");
    BOOST_TEST(r.commit == "3f2c8a1e");
    BOOST_TEST(r.pr == 12);
    BOOST_TEST(r.key == "build");
    BOOST_TEST(r.http_status == 201);
    BOOST_TEST(r.message == "Créé \"ok\"\n");
  }
}

BOOST_AUTO_TEST_CASE(accepted_and_error_replies_decode_as_written) {
  const Answer accepted = parse_answer(accepted_reply());
  BOOST_TEST(accepted.ok);
  BOOST_TEST(accepted.status == "CIB_OK");
  const Answer refused =
      parse_answer(error_reply("library", "spool.max_mb is reached", "CIB_ERR_SPOOL_FULL"));
  BOOST_TEST(!refused.ok);
  BOOST_TEST(refused.error == "library");
  BOOST_TEST(refused.status == "CIB_ERR_SPOOL_FULL");
  BOOST_TEST(refused.message == "spool.max_mb is reached");
  const Answer plain = parse_answer(error_reply("stopping", "the agent is stopping"));
  BOOST_TEST(plain.error == "stopping");
  BOOST_TEST(plain.status.empty());
}

BOOST_AUTO_TEST_CASE(an_answer_of_another_version_or_shape_is_refused) {
  BOOST_CHECK_THROW(parse_answer(R"({"v":2,"ok":true})"), ProtocolError);
  BOOST_CHECK_THROW(parse_answer("not json"), ProtocolError);
  BOOST_CHECK_THROW(parse_answer(R"({"v":1,"ok":"yes"})"), ProtocolError);
  BOOST_CHECK_THROW(
      parse_answer(R"({"v":1,"ok":true,"settled":"CIB_OK","reports":[{"outcome":"LOST"}]})"),
      ProtocolError);
  BOOST_CHECK_THROW(parse_answer(R"({"v":1,"ok":true,"settled":"CIB_OK","reports":[7]})"),
                    ProtocolError);
}

BOOST_AUTO_TEST_CASE(a_route_matches_by_kind_url_and_named_account) {
  const IdentityInfo id{"bitbucket-cloud", "https://api.bitbucket.org/2.0", "ci-bot"};
  BOOST_TEST(route_matches({"bitbucket-cloud", "https://api.bitbucket.org/2.0", ""}, id));
  BOOST_TEST(route_matches({"bitbucket-cloud", "HTTPS://API.Bitbucket.org/2.0/", "ci-bot"}, id));
  BOOST_TEST(route_matches({"bitbucket-cloud", "https://api.bitbucket.org/2.0//", ""}, id));
  BOOST_TEST(!route_matches({"bitbucket-cloud", "https://api.bitbucket.org/2.0", "other"}, id));
  BOOST_TEST(!route_matches({"bitbucket-dc", "https://api.bitbucket.org/2.0", ""}, id));
  BOOST_TEST(!route_matches({"bitbucket-cloud", "https://api.bitbucket.org/2.1", ""}, id));
  // The path is compared as written: only scheme and host ignore case.
  BOOST_TEST(!route_matches({"bitbucket-cloud", "https://api.bitbucket.org/2.0/X", ""},
                            {"bitbucket-cloud", "https://api.bitbucket.org/2.0/x", ""}));
  BOOST_TEST(!route_matches({"bitbucket-cloud", "http://api.bitbucket.org/2.0", ""}, id));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::agent
