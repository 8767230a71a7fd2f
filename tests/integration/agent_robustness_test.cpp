// The real agent against peers that misbehave: a line cut off by a disconnect, lines that are
// not requests, a line over agent.max_message_mb. Each gets its answer (or none), and the next
// command's post still goes through the agent.
#include <boost/test/unit_test.hpp>

#include "agent_fixture.h"
#include "line_client.h"
#include "server_fixture.h"

namespace cib::test {
namespace {

using agent::test::RawPeer;

// A status posted through the agent and waited for: the agent still serves.
void still_serves(const std::string& config, const std::string& key) {
  std::string output;
  BOOST_TEST(post_status(config, key, "SUCCESSFUL", output, {"--wait"}) == 0, output);
  BOOST_TEST(contains(output, key + ": DELIVERED"), output);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(agent_robustness)

BOOST_AUTO_TEST_CASE(a_peer_that_leaves_in_the_middle_of_a_line_harms_no_one) {
  Served s;
  {
    RawPeer peer(s.socket());
    peer.write(status_request(1, "half", "SUCCESSFUL").substr(0, 60));
  }
  {
    RawPeer peer(s.socket());
    peer.write("{\"v\":1,\"op\":\"hel");
    peer.close();
  }
  still_serves(s.config, "after-cut");
  BOOST_TEST(held_state(s.sim, "half").empty());
}

BOOST_AUTO_TEST_CASE(lines_that_are_not_requests_get_their_error_and_the_connection_stays) {
  Served s;
  agent::LineClient client(s.socket(), std::chrono::seconds(5));
  const auto answer = [&client](const std::string& line) {
    return agent::parse_answer(client.request(line, std::chrono::seconds(10)));
  };
  const agent::Answer not_json = answer("{\"v\":1,\"op\":");
  BOOST_TEST(!not_json.ok);
  BOOST_TEST(not_json.error == "protocol");
  BOOST_TEST(contains(not_json.message, "not JSON"), not_json.message);

  const agent::Answer unknown = answer("{\"v\":1,\"op\":\"delete_everything\"}");
  BOOST_TEST(unknown.error == "protocol");
  BOOST_TEST(contains(unknown.message, "delete_everything"), unknown.message);

  const agent::Answer version = answer("{\"v\":2,\"op\":\"hello\"}");
  BOOST_TEST(version.error == "version");
  BOOST_TEST(contains(version.message, "speaks 1"), version.message);

  const agent::Answer bad_post =
      answer("{\"v\":1,\"op\":\"post\",\"post\":{\"op\":\"status\",\"repo\":\"acme/web\"}}");
  BOOST_TEST(!bad_post.ok);
  BOOST_TEST(bad_post.error == "protocol", bad_post.message);

  const agent::Answer hello = answer("{\"v\":1,\"op\":\"hello\"}");  // the same connection
  BOOST_TEST(hello.ok);
  BOOST_TEST_REQUIRE(hello.info.has_value());
  BOOST_TEST(hello.info->pid == s.agent->pid());
  still_serves(s.config, "after-errors");
}

BOOST_AUTO_TEST_CASE(a_line_over_max_message_mb_is_answered_too_large_and_closed) {
  IdentityYaml yaml;
  yaml.agent = "max_message_mb: 1";
  const Served s(yaml);
  RawPeer peer(s.socket());
  const std::string chunk(64 * 1024, 'x');
  try {
    peer.write("{\"v\":1,\"op\":\"post\",\"post\":{\"op\":\"comment\",\"body\":\"");
    for (int i = 0; i < 32; ++i) peer.write(chunk);  // 2 MiB, no end of line
  } catch (const std::runtime_error&) {
    // The agent closed the connection before it took the whole line, as it should.
  }
  const std::string reply = peer.read_to_end();  // returns only once the agent closed
  BOOST_TEST_REQUIRE(contains(reply, "\n"), reply);
  const agent::Answer answer = agent::parse_answer(reply.substr(0, reply.find('\n')));
  BOOST_TEST(!answer.ok);
  BOOST_TEST(answer.error == "too_large");
  BOOST_TEST(contains(answer.message, "1 MiB"), answer.message);
  still_serves(s.config, "after-too-large");
  BOOST_TEST(s.sim.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_line_that_does_not_end_within_read_timeout_ms_is_closed_unanswered) {
  IdentityYaml yaml;
  yaml.agent = "read_timeout_ms: 300";
  const Served s(yaml);
  RawPeer peer(s.socket());
  peer.write(status_request(1, "slow", "SUCCESSFUL").substr(0, 40));
  const auto begun = std::chrono::steady_clock::now();
  BOOST_TEST(peer.read_to_end().empty());  // RawPeer gives up after 10 s: the default timeout
  BOOST_TEST((std::chrono::steady_clock::now() - begun < std::chrono::seconds(5)));
  still_serves(s.config, "after-slow");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
