// Statuses posted through a running `cibatch agent`: a step returns at once and silently, the
// agent coalesces the posts of separate commands, `--wait` and `cibatch flush --tag` report
// how they ended (a refusal included), and the credential appears in nothing printed.
#include <boost/test/unit_test.hpp>

#include "agent_fixture.h"

namespace cib::test {
namespace {

// The API requests the simulator received for kRepo@kCommit KEY.
std::size_t status_requests(const ForgeSim& sim, const std::string& key) {
  std::size_t n = 0;
  for (const auto& request : sim.requests()) {
    if (contains(request->getValue<std::string>("target"),
                 std::string("/commit/") + kCommit + "/statuses/build") &&
        contains(request->getValue<std::string>("target") + request->get("body").toString(), key)) {
      ++n;
    }
  }
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(agent_post)

BOOST_AUTO_TEST_CASE(a_status_through_the_agent_is_silent_and_the_flush_of_its_tag_delivers_it) {
  Served s(held_back());
  std::string output;
  BOOST_TEST(post_status(s.config, "build", "SUCCESSFUL", output, {"--tag", "41"}) == 0, output);
  BOOST_TEST(output.empty(), output);
  BOOST_TEST(held_state(s.sim, "build").empty());  // held back by the agent's linger
  BOOST_TEST(flush(s.config, "41", output, {"-v"}) == 0, output);
  BOOST_TEST(contains(output, "DELIVERED"), output);
  BOOST_TEST(held_state(s.sim, "build") == "SUCCESSFUL");
}

BOOST_AUTO_TEST_CASE(two_commands_posting_one_key_under_one_tag_reach_the_host_as_one_request) {
  Served s(held_back());
  std::string output;
  BOOST_TEST(post_status(s.config, "build", "INPROGRESS", output, {"--tag", "42"}) == 0, output);
  BOOST_TEST(post_status(s.config, "build", "SUCCESSFUL", output, {"--tag", "42"}) == 0, output);
  BOOST_TEST(flush(s.config, "42", output) == 0, output);
  BOOST_TEST(status_requests(s.sim, "build") == 1u);
  BOOST_TEST(s.sim.requests().size() == 1u);
  BOOST_TEST(held_state(s.sim, "build") == "SUCCESSFUL");
}

BOOST_AUTO_TEST_CASE(wait_prints_the_delivery_and_exits_0) {
  Served s;
  std::string output;
  BOOST_TEST(post_status(s.config, "build", "SUCCESSFUL", output, {"--wait", "--tag", "5"}) == 0,
             output);
  BOOST_TEST(contains(output, "DELIVERED"), output);
  BOOST_TEST(held_state(s.sim, "build") == "SUCCESSFUL");
}

BOOST_AUTO_TEST_CASE(wait_exits_3_when_the_host_refuses_the_post) {
  Served s;
  s.sim.set_faults("403x100@1");
  std::string output;
  BOOST_TEST(post_status(s.config, "build", "SUCCESSFUL", output, {"--wait"}) == 3, output);
  BOOST_TEST(contains(output, "FAILED"), output);
  BOOST_TEST(held_state(s.sim, "build").empty());
}

BOOST_AUTO_TEST_CASE(wait_gives_up_after_its_timeout_with_exit_3_and_the_agent_keeps_the_post) {
  Served s;
  s.sim.set_faults("503x1000@1");
  std::string output;
  BOOST_TEST(post_status(s.config, "build", "SUCCESSFUL", output,
                         {"--wait", "--timeout-ms", "300", "--tag", "6"}) == 3,
             output);
  BOOST_TEST(contains(output, "not delivered"), output);
  s.sim.set_faults("");
  BOOST_TEST(flush(s.config, "6", output) == 0, output);
  BOOST_TEST(held_state(s.sim, "build") == "SUCCESSFUL");
}

BOOST_AUTO_TEST_CASE(flush_of_a_tag_reports_an_earlier_refused_post_and_exits_3) {
  Served s;
  std::string output;
  BOOST_TEST(cibatch({"status", "--config", s.config, "--tag", "43", "--repo", kRepo, "--commit",
                      "zzzzzzz", "--key", "build", "--state", "SUCCESSFUL"},
                     output) == 0,
             output);
  BOOST_TEST(post_status(s.config, "lint", "SUCCESSFUL", output, {"--tag", "43"}) == 0, output);
  BOOST_TEST(flush(s.config, "43", output) == 3, output);
  BOOST_TEST(contains(output, "zzzzzzz build: FAILED"), output);
  BOOST_TEST(held_state(s.sim, "lint") == "SUCCESSFUL");
  // Another tag knows nothing of the refusal.
  BOOST_TEST(post_status(s.config, "test", "SUCCESSFUL", output, {"--tag", "44"}) == 0, output);
  BOOST_TEST(flush(s.config, "44", output) == 0, output);
}

BOOST_AUTO_TEST_CASE(the_token_appears_in_nothing_the_agent_or_a_command_prints) {
  Served s({}, false);
  s.start_agent({"-v"});
  s.sim.set_faults("echo-auth@1,echo-auth-text@2");  // a host that quotes the credential back
  std::string everything, output;
  post_status(s.config, "build", "SUCCESSFUL", output, {"--wait", "-v"});
  everything += output;
  BOOST_TEST(contains(output, "FAILED"), output);
  post_status(s.config, "lint", "SUCCESSFUL", output, {"--tag", "9", "-v"});
  everything += output;
  flush(s.config, "9", output, {"-v"});
  everything += output;
  check(s.config, output);
  everything += output;
  post_status(s.config, "direct", "SUCCESSFUL", output, {"--no-agent", "-v"});
  everything += output;
  BOOST_TEST(s.agent->stop(SIGTERM) == 0);
  everything += s.agent->log();
  BOOST_TEST(contains(everything, "DELIVERED"), everything);
  BOOST_TEST(!contains(everything, kAgentToken), everything);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
