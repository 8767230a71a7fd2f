// Faults, 5xx bursts and 429 storms delay delivery; they never lose the newest content, never
// duplicate a comment, and the client waits as long as the host asks.
#include <boost/test/unit_test.hpp>
#include <map>
#include <thread>

#include "client_fixture.h"
#include "recording_client.h"
#include "sim_state.h"

namespace cib::test {
namespace {

// Posts a pipeline's worth of updates: statuses with two states each, comments on two PRs
// (one updated), and a report with 150 annotations. Returns what the host must end with.
DesiredState post_workload(RecordingClient& session) {
  DesiredState want;
  // Every stage starts; the starts are sent at once (a zero-timeout flush only makes them due),
  // so the terminal states below arrive while starts are still on the wire or being retried.
  for (int k = 0; k < 20; ++k) {
    session.status(kRepo, kCommit, "stage-" + std::to_string(k), CIB_STATE_INPROGRESS, 2);
  }
  session.flush(2, 0);
  for (int k = 0; k < 20; ++k) {
    const std::string key = "stage-" + std::to_string(k);
    const cib_state last = k % 5 == 0 ? CIB_STATE_FAILED : CIB_STATE_SUCCESSFUL;
    session.status(kRepo, kCommit, key, last);
    want.statuses[kRepo + "|" + kCommit + "|" + key] =
        last == CIB_STATE_FAILED ? "FAILED" : "SUCCESSFUL";
  }
  for (int pr = 1; pr <= 2; ++pr) {
    for (const std::string key : {"coverage", "lint", "size"}) {
      const std::string body = key + " on PR " + std::to_string(pr);
      session.comment(kRepo, pr, key, body);
      want.comments[kRepo + "|" + std::to_string(pr) + "|" + key] = body;
    }
  }

  std::vector<std::pair<std::string, std::string>> annotations;
  auto& want_annotations = want.report_annotations[kRepo + "|" + kCommit + "|sast"];
  for (int i = 0; i < 150; ++i) {
    annotations.emplace_back("finding-" + std::to_string(i), "issue " + std::to_string(i));
    want_annotations[annotations.back().first] = annotations.back().second;
  }
  session.report(kRepo, kCommit, "sast", annotations);
  want.report_results[kRepo + "|" + kCommit + "|sast"] = "FAILED";
  return want;
}

void expect_state(ForgeSim& sim, const DesiredState& want) {
  for (const auto& diff : compare_state(sim.state(), want)) BOOST_ERROR(diff);
}

// From the simulator's log: once a key's terminal state was sent, its older INPROGRESS never
// was sent again (retries included).
void expect_no_stale_status(const ForgeSim& sim) {
  std::map<std::string, bool> terminal_sent;
  int starts_sent = 0;
  for (const auto& request : sim.requests()) {
    if (request->getValue<std::string>("target").find("/statuses/build") == std::string::npos ||
        request->isNull("body")) {
      continue;
    }
    const auto body = request->getObject("body");
    const std::string key = body->getValue<std::string>("key");
    const bool terminal = body->getValue<std::string>("state") != "INPROGRESS";
    if (!terminal && terminal_sent[key]) BOOST_ERROR("stale INPROGRESS sent for " + key);
    if (!terminal) ++starts_sent;
    terminal_sent[key] = terminal_sent[key] || terminal;
  }
  BOOST_TEST_MESSAGE("INPROGRESS requests sent (retries included): " << starts_sent);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_faults)

BOOST_AUTO_TEST_CASE(one_request_in_five_failing_loses_nothing_and_duplicates_no_comment) {
  ForgeSimOptions options;
  options.faults = "random:0.2:20261128";
  ForgeSim sim(options);
  RecordingClient session(client_yaml(sim));
  const DesiredState want = post_workload(session);
  std::size_t left = 99;
  BOOST_TEST(session.flush(0, 60000, &left) == CIB_OK);
  BOOST_TEST(left == 0u);
  expect_state(sim, want);
  expect_no_stale_status(sim);
  BOOST_TEST(json_number(session.stats(), "retries") > 0);
  BOOST_TEST(sim.stats()->getValue<long>("invalid") == 0);
  for (const auto& d : session.deliveries()) BOOST_TEST(d.outcome != CIB_OUTCOME_FAILED);
}

BOOST_AUTO_TEST_CASE(a_burst_of_503_is_retried_until_delivered) {
  ForgeSimOptions options;
  options.faults = "503x4@1";
  ForgeSim sim(options);
  RecordingClient session(client_yaml(sim));
  session.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
  BOOST_TEST(session.flush(0, 30000) == CIB_OK);
  BOOST_TEST(sim.stats()->getValue<long>("requests") == 5);
  BOOST_TEST(json_number(session.stats(), "retries") == 4);
}

BOOST_AUTO_TEST_CASE(a_429_storm_loses_nothing_and_waits_as_the_host_asks) {
  ForgeSimOptions options;
  options.rate_limit = 10;
  options.rate_window_s = 2;
  ForgeSim sim(options);
  // No budget of our own: this is about answering the host's 429s as it asks.
  RecordingClient session(client_yaml(sim, "  budget: { limit: 0 }\n"));
  DesiredState want;
  for (int k = 0; k < 30; ++k) {
    const std::string key = "k" + std::to_string(k);
    session.status(kRepo, kCommit, key, CIB_STATE_SUCCESSFUL);
    want.statuses[kRepo + "|" + kCommit + "|" + key] = "SUCCESSFUL";
  }
  BOOST_TEST(session.flush(0, 60000) == CIB_OK);
  expect_state(sim, want);
  // Honouring Retry-After costs about one 429 per window; hammering would cost dozens.
  const long limited = sim.stats()->getValue<long>("rate_limited");
  BOOST_TEST(limited <= 4);
  BOOST_TEST(json_number(session.stats(), "rate_limited") == limited);
  // Every request after a 429 waited at least until the window had room again.
  const auto requests = sim.requests();
  for (std::size_t i = 0; i + 1 < requests.size(); ++i) {
    if (requests[i]->optValue<int>("status", 0) != 429) continue;
    const long gap = requests[i + 1]->getValue<long>("t_ms") - requests[i]->getValue<long>("t_ms");
    BOOST_TEST(gap >= 500);
  }
}

BOOST_AUTO_TEST_CASE(a_retry_sends_the_newest_content_never_the_one_that_failed) {
  ForgeSimOptions options;
  options.faults = "429@1";  // the first request is refused with Retry-After: 1
  ForgeSim sim(options);
  RecordingClient session(client_yaml(sim));
  session.status(kRepo, kCommit, "build", CIB_STATE_INPROGRESS);
  session.flush(0, 0);  // send it now, do not wait
  // Wait (without sleeping) until the refusal has been seen; the identity is now paused.
  while (json_number(session.stats(), "rate_limited") < 1) std::this_thread::yield();
  session.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
  BOOST_TEST(session.flush(0, 20000) == CIB_OK);
  const auto requests = sim.requests();
  BOOST_REQUIRE(requests.size() == 2u);
  BOOST_TEST(requests[0]->getObject("body")->getValue<std::string>("state") == "INPROGRESS");
  BOOST_TEST(requests[1]->getObject("body")->getValue<std::string>("state") == "SUCCESSFUL");
  BOOST_TEST(requests[1]->getValue<int>("status") == 201);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
