// Many threads of one process posting through one client with a spool, while its dispatcher
// delivers: a post is reported SUPERSEDED only when a newer post of its slot was sent instead.
#include <boost/test/unit_test.hpp>
#include <map>
#include <thread>
#include <vector>

#include "client_fixture.h"
#include "recording_client.h"
#include "sim_state.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

constexpr int kThreads = 16;
constexpr int kRounds = 12;

std::string commit_of(int round, int thread) {
  char text[41];
  std::snprintf(text, sizeof text, "%040x", round * 100 + thread + 1);
  return text;
}

// Each thread posts INPROGRESS (tag 2i+1) then SUCCESSFUL (tag 2i+2) to a slot of its own.
void post_from_threads(RecordingClient& client, int round) {
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&client, round, i] {
      const std::string commit = commit_of(round, i);
      client.status(kRepo, commit, "build", CIB_STATE_INPROGRESS, 2 * i + 1);
      client.status(kRepo, commit, "build", CIB_STATE_SUCCESSFUL, 2 * i + 2, "done");
    });
  }
  for (auto& thread : threads) thread.join();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_race)

// The dispatcher may claim a slot between a post's spool write and its entry in the client's
// table: the row it finds is this client's own post, not another process's, and the post that
// wrote it is reported DELIVERED (or UNCHANGED), never SUPERSEDED.
BOOST_AUTO_TEST_CASE(a_post_caught_between_spool_and_table_is_its_own_delivery) {
  ForgeSim sim;
  DesiredState want;  // every round's slots: the simulator keeps them all
  for (int round = 0; round < kRounds; ++round) {
    TempDir dir;
    RecordingClient client(
        client_yaml(sim, "  spool: { path: \"" + dir.file("spool.db") + "\", sync: always }\n",
                    "integration-token", "{ linger_ms: 0, terminal_linger_ms: 0 }"));
    post_from_threads(client, round);
    BOOST_REQUIRE_EQUAL(client.flush(0, 30000), CIB_OK);
    for (int i = 0; i < kThreads; ++i) {
      want.statuses[kRepo + "|" + commit_of(round, i) + "|build"] = "SUCCESSFUL";
    }
    for (const auto& diff : compare_state(sim.state(), want)) BOOST_ERROR(diff);
    std::map<std::uint64_t, int> outcome_of_tag;
    for (const Delivery& d : client.deliveries()) outcome_of_tag[d.tag] = d.outcome;
    for (int i = 0; i < kThreads; ++i) {
      BOOST_TEST_CONTEXT("round " << round << " thread " << i) {
        BOOST_REQUIRE(outcome_of_tag.count(2 * i + 2) == 1);
        const int last = outcome_of_tag[2 * i + 2];
        BOOST_TEST((last == CIB_OUTCOME_DELIVERED || last == CIB_OUTCOME_UNCHANGED));
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
