// 32 threads post statuses, comments and reports through one client while six others flush,
// poll, set and clear the callbacks and read the stats and the budget; then the client closes
// and is destroyed. 50 rounds against the simulator. Every call returns a status the header
// documents for it, nothing posted is lost (the host ends with the newest content of every
// slot), and destroy returns within shutdown.timeout_ms + 1 s. The tsan and asan presets run
// it too.
#define BOOST_TEST_MODULE stress_client
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "client_fixture.h"
#include "forge_sim.h"
#include "sim_state.h"
#include "stress_calls.h"
#include "stress_posts.h"
#include "stress_side.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

struct ConfigDeleter {
  void operator()(cib_config* conf) const { cib_config_destroy(conf); }
};
using ConfigPtr = std::unique_ptr<cib_config, ConfigDeleter>;
using Clock = std::chrono::steady_clock;

constexpr int kRounds = 50;
constexpr int kShutdownMs = 3000;      // shutdown.timeout_ms
constexpr int kFinalFlushMs = 120000;  // far more than a round needs, even under a sanitizer

// Every fifth round journals to the spool file (group commit); the others keep the spool in
// memory: each delivery's write to disk costs milliseconds, so 50 rounds on disk would take
// minutes without adding threads to the race.
std::string spool_sync(int round) {
  return round % 5 == 0 ? "batch" : "off";
}

ConfigPtr round_config(const ForgeSim& sim, const TempDir& dir, int round) {
  const std::string extra =
      "  spool: { path: \"" + dir.file("spool.db") + "\", sync: " + spool_sync(round) + " }\n" +
      "  budget: { limit: 1000000, window_s: 3600, reserve: 0, path: \"" + dir.file("budget.db") +
      "\" }\n" + "  shutdown: { timeout_ms: " + std::to_string(kShutdownMs) + " }\n" +
      // Log lines served by poll in half the rounds, on the logging thread in the other half.
      "  log: { queue: " + (round % 2 == 0 ? "true" : "false") + " }\n";
  const std::string yaml =
      client_yaml(sim, extra, "stress-token", "{ linger_ms: 20, terminal_linger_ms: 5 }");
  cib_config* conf = nullptr;
  char errstr[512];
  BOOST_REQUIRE_EQUAL(cib_config_new(&conf, errstr, sizeof errstr), CIB_OK);
  ConfigPtr owned(conf);
  BOOST_REQUIRE_MESSAGE(cib_config_load_yaml_text(conf, yaml.c_str(), CIB_NUL_TERMINATED, errstr,
                                                  sizeof errstr) == CIB_OK,
                        errstr);
  return owned;
}

void post_from_threads(cib_client* client, int round, CallChecks& checks) {
  std::vector<std::thread> posters;
  for (int thread = 0; thread < kPostingThreads; ++thread) {
    posters.emplace_back([=, &checks] { post_updates(client, round, thread, checks); });
  }
  for (auto& poster : posters) poster.join();
}

// One round: posts under load, a final flush, the host's state, close, destroy.
void run_round(ForgeSim& sim, int round) {
  BOOST_TEST_CONTEXT("round " << round) {
    sim.reset();
    TempDir dir;
    const ConfigPtr conf = round_config(sim, dir, round);
    cib_client* client = nullptr;
    char errstr[512];
    BOOST_REQUIRE_MESSAGE(cib_client_new(&client, conf.get(), errstr, sizeof errstr) == CIB_OK,
                          errstr);
    CallChecks checks;
    SideThreads side(client, conf.get(), checks);
    post_from_threads(client, round, checks);

    std::size_t left = 0;
    const cib_status flushed =
        cib_client_flush(client, 0, kFinalFlushMs, &left, errstr, sizeof errstr);
    BOOST_CHECK_MESSAGE(flushed == CIB_OK, "final flush: " << cib_status_name(flushed) << ", "
                                                           << left << " left: " << errstr);
    DesiredState want;
    for (int thread = 0; thread < kPostingThreads; ++thread) add_wanted(want, round, thread);
    for (const auto& diff : compare_state(sim.state(), want)) BOOST_ERROR(diff);

    std::size_t gating_left = 0;
    BOOST_CHECK_EQUAL(cib_client_close(client, &left, &gating_left, errstr, sizeof errstr), CIB_OK);
    BOOST_CHECK_EQUAL(left, 0u);
    side.stop();
    const auto destroy_began = Clock::now();
    cib_client_destroy(client);
    const auto destroy_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - destroy_began).count();
    BOOST_CHECK_LE(destroy_ms, kShutdownMs + 1000);
    for (const auto& failure : checks.take()) BOOST_ERROR(failure);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(posts_flushes_polls_and_callbacks_at_once_lose_nothing) {
  ForgeSim sim;
  const auto began = Clock::now();
  for (int round = 0; round < kRounds; ++round) run_round(sim, round);
  BOOST_TEST_MESSAGE(
      kRounds << " rounds in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - began).count()
              << " ms");
}

}  // namespace cib::test
