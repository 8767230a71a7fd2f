// A post the agent acknowledged survives the agent: killed, it is in the spool for the next
// agent; stopped with no time to deliver, it stays there and the next agent delivers it;
// stopped with the default shutdown time, it is delivered before the agent exits.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "agent_fixture.h"
#include "line_client.h"

namespace cib::test {
namespace {

using namespace std::chrono_literals;

// Posts a status through the agent, which holds it back, then sends the agent sig: its exit
// code.
int post_then_stop(Served& s, int sig) {
  std::string output;
  BOOST_TEST(post_status(s.config, "build", "SUCCESSFUL", output, {"--tag", "1"}) == 0, output);
  BOOST_TEST(s.sim.requests().empty());
  return s.agent->stop(sig);
}

// A new agent on the same spool; its flush of every tag delivers what the last one left.
void next_agent_delivers(Served& s) {
  s.start_agent();
  std::string output;
  BOOST_TEST(cibatch({"flush", "--config", s.config}, output) == 0, output);
  BOOST_TEST(held_state(s.sim, "build") == "SUCCESSFUL");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(agent_durability)

BOOST_AUTO_TEST_CASE(a_post_taken_before_sigkill_is_delivered_by_the_next_agent) {
  Served s(held_back());
  BOOST_TEST(post_then_stop(s, SIGKILL) == 128 + SIGKILL);
  BOOST_TEST(s.sim.requests().empty());
  BOOST_TEST(std::filesystem::exists(s.socket()));  // the next one replaces it
  next_agent_delivers(s);
}

BOOST_AUTO_TEST_CASE(sigterm_without_shutdown_time_leaves_the_post_for_the_next_agent) {
  IdentityYaml yaml = held_back();
  yaml.shutdown = "timeout_ms: 0";
  Served s(yaml);
  BOOST_TEST(post_then_stop(s, SIGTERM) == 0, s.agent->log());
  BOOST_TEST(contains(s.agent->log(), "1 slot left"), s.agent->log());
  BOOST_TEST(s.sim.requests().empty());
  BOOST_TEST(!std::filesystem::exists(s.socket()));
  next_agent_delivers(s);
}

BOOST_AUTO_TEST_CASE(sigterm_with_the_default_shutdown_time_delivers_before_exiting) {
  IdentityYaml yaml = held_back();
  yaml.shutdown = "";  // the default, 10 s
  Served s(yaml);
  std::string output;
  BOOST_TEST(post_status(s.config, "test", "INPROGRESS", output, {"--tag", "1"}) == 0, output);
  BOOST_TEST(post_then_stop(s, SIGTERM) == 0, s.agent->log());
  BOOST_TEST(contains(s.agent->log(), "0 slots left"), s.agent->log());
  BOOST_TEST(held_state(s.sim, "build") == "SUCCESSFUL");
  BOOST_TEST(held_state(s.sim, "test") == "INPROGRESS");
}

BOOST_AUTO_TEST_CASE(a_flush_waiting_when_the_agent_stops_is_answered_at_once) {
  Served s(held_back());
  std::string output;
  BOOST_TEST(post_status(s.config, "build", "SUCCESSFUL", output, {"--tag", "2"}) == 0, output);
  agent::LineClient client(s.socket(), std::chrono::seconds(5));
  BOOST_TEST(agent::parse_answer(client.request("{\"v\":1,\"op\":\"hello\"}", 5s)).ok);
  client.send("{\"v\":1,\"op\":\"flush\",\"tag\":2,\"timeout_ms\":600000}", 5s);
  ::kill(s.agent->pid(), SIGTERM);
  const agent::Answer answer = agent::parse_answer(client.read_line(20s));  // not 600 s
  BOOST_TEST((answer.ok ? answer.settled.has_value() : answer.error == "stopping"), answer.message);
  BOOST_TEST(s.agent->stop(SIGTERM) == 0, s.agent->log());
  BOOST_TEST(held_state(s.sim, "build") == "SUCCESSFUL");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
