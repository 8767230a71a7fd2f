// The memory store: the reference every shared store is held to, and the fallback's local log.
#include "budget/memory_budget_store.h"

#include <boost/test/unit_test.hpp>

namespace cib {
namespace {

Limits rolling(std::int64_t cap, std::int64_t window_ms) {
  LogLimit log;
  log.name = "all";
  log.window_ms = window_ms;
  log.limit = cap;
  for (std::int64_t& c : log.cap) c = cap;
  Limits limits;
  limits.logs.push_back(log);
  limits.margin_ms = 0;
  return limits;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(memory_budget_store)

BOOST_AUTO_TEST_CASE(identities_do_not_share_a_log) {
  ManualClock clock;
  MemoryBudgetStore store(clock);
  const Limits limits = rolling(2, 1000);
  for (int i = 0; i < 2; ++i) BOOST_TEST(store.take("a", limits, {}).granted);
  BOOST_TEST(!store.take("a", limits, {}).granted);
  BOOST_TEST(store.take("b", limits, {}).granted);
}

BOOST_AUTO_TEST_CASE(entries_handed_back_count_with_their_own_times) {
  ManualClock clock;
  MemoryBudgetStore store(clock);
  const Limits limits = rolling(2, 1000);
  const std::int64_t now = store.now_ms();
  store.append("a", "all", {now - 900, 0});
  store.append("a", "all", {now - 100, 0});
  const Ticket refused = store.take("a", limits, {});
  BOOST_TEST(!refused.granted);
  BOOST_TEST(refused.wait_ms == 101);
  BOOST_TEST(store.usage("a", limits).logs.at(0).used == 2);
}

BOOST_AUTO_TEST_CASE(heartbeats_expire_after_their_ttl) {
  ManualClock clock;
  MemoryBudgetStore store(clock);
  store.heartbeat("a", "one", 1000);
  store.heartbeat("a", "two", 3000);
  BOOST_TEST(store.usage("a", rolling(2, 1000)).live_clients == 2);
  clock.advance(Duration(1000));
  BOOST_TEST(store.usage("a", rolling(2, 1000)).live_clients == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
