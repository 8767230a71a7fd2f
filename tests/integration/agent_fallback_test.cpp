// When a command does not use the agent (none answers, it is turned off, it serves another
// host) it posts by itself as it always did; without --config it needs one; and `cibatch agent
// --check` says whether one answers.
#include <sys/wait.h>

#include <boost/test/unit_test.hpp>

#include "agent_fixture.h"

namespace cib::test {

BOOST_AUTO_TEST_SUITE(agent_fallback)

BOOST_AUTO_TEST_CASE(without_an_agent_the_command_posts_by_itself) {
  const Served s({}, false);
  std::string output;
  BOOST_TEST(post_status(s.config, "build", "SUCCESSFUL", output) == 0, output);
  BOOST_TEST(contains(output, "build: DELIVERED"), output);
  BOOST_TEST(held_state(s.sim, "build") == "SUCCESSFUL");
}

BOOST_AUTO_TEST_CASE(no_agent_and_the_environment_switch_bypass_a_running_agent) {
  // The agent holds what it takes for a minute: a status on the host at once was not its.
  const Served s(held_back());
  std::string output;
  BOOST_TEST(post_status(s.config, "one", "SUCCESSFUL", output, {"--no-agent"}) == 0, output);
  BOOST_TEST(contains(output, "one: DELIVERED"), output);
  BOOST_TEST(held_state(s.sim, "one") == "SUCCESSFUL");
  BOOST_TEST(cibatch({"status", "--config", s.config, "--repo", kRepo, "--commit", kCommit, "--key",
                      "two", "--state", "SUCCESSFUL"},
                     output, {"CIBATCH_AGENT=off"}) == 0,
             output);
  BOOST_TEST(contains(output, "two: DELIVERED"), output);
  BOOST_TEST(held_state(s.sim, "two") == "SUCCESSFUL");
  // The same command without the switch goes to the agent, which holds it back.
  BOOST_TEST(post_status(s.config, "three", "SUCCESSFUL", output) == 0, output);
  BOOST_TEST(output.empty(), output);
  BOOST_TEST(held_state(s.sim, "three").empty());
}

BOOST_AUTO_TEST_CASE(a_host_the_agent_does_not_serve_is_posted_to_directly) {
  const Served s(held_back());
  // The same socket (the folder's), another simulator: the agent has no identity for it.
  ForgeSim other;
  const std::string elsewhere = write_identity(s.dir, other, "other");
  std::string output;
  BOOST_TEST(post_status(elsewhere, "build", "SUCCESSFUL", output) == 0, output);
  BOOST_TEST(contains(output, "build: DELIVERED"), output);
  BOOST_TEST(held_state(other, "build") == "SUCCESSFUL");
  BOOST_TEST(s.sim.requests().empty());
}

BOOST_AUTO_TEST_CASE(without_config_the_agents_first_identity_takes_the_post) {
  Served s(held_back(), false);
  ForgeSim second;
  TempDir second_dir;
  s.start_agent({"--config", write_identity(second_dir, second, "second", held_back())});
  const std::vector<std::string> env{"CIBATCH_AGENT_SOCKET=" + s.socket()};
  std::string output;
  BOOST_TEST(cibatch({"status", "--tag", "3", "--repo", kRepo, "--commit", kCommit, "--key",
                      "build", "--state", "SUCCESSFUL"},
                     output, env) == 0,
             output);
  BOOST_TEST(output.empty(), output);
  BOOST_TEST(cibatch({"flush", "--tag", "3"}, output, env) == 0, output);
  BOOST_TEST(held_state(s.sim, "build") == "SUCCESSFUL");
  BOOST_TEST(second.requests().empty());
}

BOOST_AUTO_TEST_CASE(without_config_and_without_an_agent_the_command_is_a_usage_error) {
  TempDir dir;
  const std::vector<std::string> env{"CIBATCH_AGENT_SOCKET=" + dir.file("nobody.sock")};
  std::string output;
  BOOST_TEST(cibatch({"status", "--repo", kRepo, "--commit", kCommit, "--key", "build", "--state",
                      "SUCCESSFUL"},
                     output, env) == 2,
             output);
  BOOST_TEST(contains(output, "--config"), output);
  BOOST_TEST(cibatch({"flush", "--tag", "3"}, output, env) == 2, output);
}

BOOST_AUTO_TEST_CASE(check_names_pid_and_identity_while_the_agent_runs_and_exits_3_after) {
  Served s;
  std::string output;
  BOOST_TEST(check(s.config, output) == 0, output);
  BOOST_TEST(contains(output, "agent at " + s.socket()), output);
  BOOST_TEST(contains(output, "pid " + std::to_string(s.agent->pid())), output);
  BOOST_TEST(contains(output, "identities: bitbucket-cloud " + s.sim.api_url()), output);
  BOOST_TEST(s.agent->stop(SIGTERM) == 0, s.agent->log());
  BOOST_TEST(check(s.config, output) == 3, output);
  BOOST_TEST(contains(output, "no agent answers at " + s.socket()), output);
}

BOOST_AUTO_TEST_CASE(a_second_agent_on_a_live_socket_refuses_to_start_and_the_first_serves_on) {
  Served s;
  ChildProcess second(command_line({"agent", "--config", s.config}), true);
  BOOST_TEST_REQUIRE(second.read_to_end(std::chrono::seconds(20)), second.output());
  BOOST_TEST(WEXITSTATUS(second.wait()) == 1);
  BOOST_TEST(contains(second.output(), "already listens on " + s.socket()), second.output());
  std::string output;
  BOOST_TEST(check(s.config, output) == 0, output);
  BOOST_TEST(contains(output, "pid " + std::to_string(s.agent->pid())), output);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
