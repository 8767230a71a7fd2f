// The request budget through the C ABI: a slot that waits for budget keeps only its newest
// content, and a 429 met by one client pauses every client of the account.
#include <boost/test/unit_test.hpp>
#include <string>
#include <thread>

#include "client_fixture.h"
#include "recording_client.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

// One request per 2 s window for the account, in a budget file of the test's own.
std::string tight_budget(const TempDir& dir) {
  return "  budget: { limit: 1, window_s: 2, reserve: 0, path: \"" + dir.file("budget.db") +
         "\" }\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_budget)

BOOST_AUTO_TEST_CASE(a_slot_waiting_for_budget_sends_only_its_newest_content) {
  ForgeSim sim;
  TempDir dir;
  RecordingClient session(client_yaml(sim, tight_budget(dir)));
  session.status(kRepo, kCommit, "build", CIB_STATE_INPROGRESS);
  BOOST_TEST_REQUIRE(session.flush(0, 10000) == CIB_OK);
  // The window's one request is spent: every update below waits, and coalesces while it does.
  for (int step = 1; step <= 5; ++step) {
    session.status(kRepo, kCommit, "build", CIB_STATE_INPROGRESS, 1,
                   "step " + std::to_string(step));
    session.flush(0, 0);
  }
  session.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
  BOOST_TEST(session.flush(0, 20000) == CIB_OK);

  const auto requests = sim.requests();
  BOOST_REQUIRE(requests.size() == 2u);
  BOOST_TEST(requests[0]->getObject("body")->getValue<std::string>("state") == "INPROGRESS");
  BOOST_TEST(requests[1]->getObject("body")->getValue<std::string>("state") == "SUCCESSFUL");
  // The second went only once the first had left the window (2 s and its 250 ms margin).
  const long gap = requests[1]->getValue<long>("t_ms") - requests[0]->getValue<long>("t_ms");
  BOOST_TEST(gap >= 2000);
  const std::string stats = session.stats();
  BOOST_TEST(json_number(stats, "budget_waits") >= 1);
  BOOST_TEST(json_number(stats, "coalesced") >= 5);
  BOOST_TEST(stats.find("\"saved\":{\"coalescing\":") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_429_met_by_one_client_pauses_every_client_of_the_account) {
  ForgeSimOptions options;
  options.faults = "429@1";  // the first request is refused with Retry-After: 1
  ForgeSim sim(options);
  TempDir dir;
  const std::string budget = "  budget: { limit: 100, window_s: 60, reserve: 0, path: \"" +
                             dir.file("budget.db") + "\" }\n";
  RecordingClient first(client_yaml(sim, budget));
  RecordingClient second(client_yaml(sim, budget));
  first.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
  first.flush(0, 0);
  while (json_number(first.stats(), "rate_limited") < 1) std::this_thread::yield();
  second.status(kRepo, kCommit, "test", CIB_STATE_SUCCESSFUL);
  BOOST_TEST(second.flush(0, 20000) == CIB_OK);
  BOOST_TEST(first.flush(0, 20000) == CIB_OK);

  const auto requests = sim.requests();
  BOOST_REQUIRE(requests.size() == 3u);
  BOOST_TEST(requests[0]->getValue<int>("status") == 429);
  const long refused_at = requests[0]->getValue<long>("t_ms");
  // The other client never asked during the pause the host set for the account.
  for (std::size_t i = 1; i < requests.size(); ++i) {
    BOOST_TEST(requests[i]->getValue<long>("t_ms") - refused_at >= 900);
    BOOST_TEST(requests[i]->getValue<int>("status") == 201);
  }
  BOOST_TEST(json_number(second.stats(), "rate_limited") == 0);
}

BOOST_AUTO_TEST_CASE(budget_json_counts_what_every_client_of_the_account_used) {
  ForgeSim sim;
  TempDir dir;
  const std::string budget = "  budget: { limit: 50, window_s: 600, reserve: 5, path: \"" +
                             dir.file("budget.db") + "\" }\n";
  RecordingClient first(client_yaml(sim, budget));
  RecordingClient second(client_yaml(sim, budget));
  first.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
  second.status(kRepo, kCommit, "test", CIB_STATE_FAILED);
  BOOST_TEST_REQUIRE(first.flush(0, 10000) == CIB_OK);
  BOOST_TEST_REQUIRE(second.flush(0, 10000) == CIB_OK);
  char json[4096];
  char errstr[256];
  std::size_t needed = 0;
  BOOST_TEST_REQUIRE(cib_client_budget_json(first.client(), json, sizeof json, &needed, errstr,
                                            sizeof errstr) == CIB_OK);
  const std::string text = json;
  BOOST_TEST_INFO(text);
  BOOST_TEST(json_number(text, "used") == 2);
  BOOST_TEST(json_number(text, "remaining") == 43);
  BOOST_TEST(json_number(text, "limit") == 50);
  BOOST_TEST(text.find("integration-token") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
