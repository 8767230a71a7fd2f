// The kill test's judge on made-up host states and request logs: each check it makes can fail.
#include "kill_verdict.h"

#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>

#include "spool_setup.h"

namespace cib::test {
namespace {

using Poco::JSON::Object;

const std::string kCommit = "484be936e6ce909bdfca027a21c3b7becaa08972";  // pr-pipeline's
constexpr std::size_t kBuildRunning = 5, kBuildPassed = 7;               // its "build" status posts

Object::Ptr parse(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Object::Ptr>();
}

Object::Ptr build_status_state(const std::string& state, const std::string& description) {
  return parse(R"({"statuses":{"acme/web":{")" + kCommit + R"(":{"build":{"state":")" + state +
               R"(","description":")" + description + R"("}}}},"comments":{},"reports":{}})");
}

Object::Ptr build_status_request(long seq, const std::string& state,
                                 const std::string& description) {
  return parse(R"({"seq":)" + std::to_string(seq) +
               R"(,"method":"POST","target":"/2.0/repositories/acme/web/commit/)" + kCommit +
               R"(/statuses/build","status":201,"fault":"","body":{"key":"build","state":")" +
               state + R"(","description":")" + description + R"("}})");
}

KillTally judge(const KillOutcome& outcome) {
  const TraceSlots slots(trace_path("pr-pipeline.jsonl"));
  KillPlan plan;
  plan.kill_after = outcome.returned_lines.size();
  KillTally tally;
  judge_kill_point(slots, plan, outcome, false, tally);
  return tally;
}

KillOutcome killed_after(std::vector<std::size_t> lines, Object::Ptr state) {
  KillOutcome outcome;
  outcome.killed = true;
  outcome.drain_exit = 0;
  outcome.returned_lines = std::move(lines);
  outcome.state = std::move(state);
  return outcome;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kill_verdict)

BOOST_AUTO_TEST_CASE(a_newer_post_on_the_host_is_not_lost) {
  const auto tally =
      judge(killed_after({kBuildRunning}, build_status_state("SUCCESSFUL", "Passed")));
  BOOST_TEST(tally.lost == 0);
  BOOST_TEST(tally.slots == 1);
}

BOOST_AUTO_TEST_CASE(an_older_post_on_the_host_than_one_that_returned_is_lost) {
  const auto tally = judge(
      killed_after({kBuildRunning, kBuildPassed}, build_status_state("INPROGRESS", "Running")));
  BOOST_TEST(tally.lost == 1);
}

BOOST_AUTO_TEST_CASE(an_older_post_sent_after_a_newer_one_is_stale) {
  auto outcome =
      killed_after({kBuildRunning, kBuildPassed}, build_status_state("SUCCESSFUL", "Passed"));
  outcome.requests = {build_status_request(1, "SUCCESSFUL", "Passed"),
                      build_status_request(2, "INPROGRESS", "Running"),
                      build_status_request(3, "SUCCESSFUL", "Passed")};
  BOOST_TEST(judge(outcome).stale == 1);
  outcome.requests.erase(outcome.requests.begin());
  BOOST_TEST(judge(outcome).stale == 0);
}

BOOST_AUTO_TEST_CASE(two_live_comments_for_one_key_are_a_duplicate) {
  const std::string raw = "**Lint**: 3 problems (2 errors, 1 warning)\n\n[//]: # (cibatch:lint)";
  Object::Ptr state =
      parse(R"({"statuses":{},"reports":{},"comments":{"acme/web":{"42":[)"
            R"({"id":1,"raw":"x","deleted":false},{"id":2,"raw":"x","deleted":false},)"
            R"({"id":3,"raw":"x","deleted":true}]}}})");
  const auto list = state->getObject("comments")->getObject("acme/web")->getArray("42");
  for (unsigned i = 0; i < list->size(); ++i) list->getObject(i)->set("raw", raw);
  BOOST_TEST(judge(killed_after({16}, state)).duplicates == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
