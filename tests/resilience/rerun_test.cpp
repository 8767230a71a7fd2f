// A second replay of the same trace on the same spool (a fresh process, the same host) costs
// no request while the delivered records are trusted, and sends again once dedup.trust_s has
// passed.
//
// Both replays run at --time-scale 0.001 with the default lingers, so every content a newer one
// replaces is replaced long before its linger: the replays' desired contents are the trace's
// final ones, exactly what the first replay delivered.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <set>
#include <thread>

#include "child_process.h"
#include "forge_sim.h"
#include "request_match.h"
#include "spool_setup.h"
#include "temp_dir.h"
#include "trace_slots.h"

namespace cib::test {
namespace {

struct RerunSetup {
  ForgeSim sim;
  TempDir dir{"cibatch-rerun"};
  std::string trace = trace_path("pr-pipeline.jsonl");
  std::string config;

  explicit RerunSetup(std::int64_t trust_s) {
    SpoolConfig c;
    c.spool_path = dir.file("spool.db");
    c.linger_ms = 2000;
    c.terminal_linger_ms = 200;
    c.max_delay_ms = 10000;
    c.dedup_trust_s = trust_s;
    config = write_spool_config(dir.file("cibatch.yml"), sim, c);
  }

  // Replays the trace in a fresh process; requires exit status 0.
  void replay() const {
    std::string output;
    const int code = run_command(
        {cibatch_path(), "replay", trace, "--config", config, "--time-scale", "0.001"}, output);
    BOOST_REQUIRE_MESSAGE(code == 0, "cibatch replay exited " << code << ":\n" << output);
  }

  long requests() const { return sim.stats()->getValue<long>("requests"); }
};

void require_final_state(const RerunSetup& setup) {
  const TraceSlots slots(setup.trace);
  const auto state = setup.sim.state();
  for (std::size_t s = 0; s < slots.slots().size(); ++s) {
    const TraceSlot& slot = slots.slots()[s];
    BOOST_TEST(slots.held_post(s, state) == static_cast<int>(slot.posts.size()) - 1,
               slot.name() << ": the host does not hold the trace's last post");
    if (slot.kind == SlotKind::comment) {
      const int copies = slots.live_copies(s, state);
      BOOST_TEST(copies == 1, slot.name() << ": " << copies << " live comments, want 1");
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rerun)

BOOST_AUTO_TEST_CASE(a_rerun_on_the_same_spool_sends_no_request) {
  const RerunSetup setup(86400);
  setup.replay();
  const long first = setup.requests();
  BOOST_REQUIRE_MESSAGE(first > 0, "the first replay sent nothing");

  setup.replay();
  BOOST_TEST(setup.requests() - first == 0,
             "the second replay sent " << setup.requests() - first << " requests; want 0");
  require_final_state(setup);
}

BOOST_AUTO_TEST_CASE(a_rerun_sends_again_once_dedup_trust_has_passed) {
  const RerunSetup setup(1);
  setup.replay();
  // Every delivery record is stamped before the first replay exits. Two seconds, not one, so a
  // stamp kept in whole seconds cannot make the record look younger than trust_s.
  const auto trusted_until = std::chrono::system_clock::now() + std::chrono::seconds(2);
  const long first = setup.requests();
  BOOST_REQUIRE_MESSAGE(first > 0, "the first replay sent nothing");
  while (std::chrono::system_clock::now() < trusted_until) {
    std::this_thread::sleep_until(trusted_until);
  }

  setup.replay();
  BOOST_TEST(setup.requests() - first > 0, "the second replay sent nothing after trust_s passed");
  const TraceSlots slots(setup.trace);
  std::set<std::size_t> written;
  for (const auto& entry : setup.sim.requests()) {
    if (entry->getValue<long>("seq") <= first || !was_applied(entry)) continue;
    if (const auto match = match_request(slots, entry)) written.insert(match->slot);
  }
  for (std::size_t s = 0; s < slots.slots().size(); ++s) {
    if (slots.slots()[s].kind != SlotKind::status) continue;
    BOOST_TEST(written.count(s) == 1, slots.slots()[s].name()
                                          << " was not sent again after trust_s passed");
  }
  require_final_state(setup);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
