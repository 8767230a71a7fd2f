#include "budget/redis_budget_store.h"

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "budget/memory_budget_store.h"
#include "redis/redis_error.h"
#include "redis_server.h"
#include "redis_store_fixture.h"

namespace cib {
namespace {

using test::answers;
using test::log_limits;
using test::request;

constexpr auto kGating = Priority::gating;
constexpr auto kComment = Priority::comment;
constexpr auto kBulk = Priority::bulk;
constexpr auto kProgress = Priority::progress;
const char* const kIdentity = "https://api.bitbucket.org/2.0 account:ci";

struct RedisFixture : test::SigpipeIgnored {
  test::RedisServer server;
  SystemClock clock;
  RedisBudgetStore store{server.url(), clock, "machine-a"};
};

// The same script of takes against the reference store and against Redis.
void expect_same_as_memory(RedisBudgetStore& store, const Limits& limits,
                           const std::vector<Priority>& priorities,
                           const std::vector<std::string>& expected) {
  ManualClock manual;
  MemoryBudgetStore memory(manual);
  const auto reference = answers(memory, kIdentity, limits, priorities);
  const auto shared = answers(store, kIdentity, limits, priorities);
  BOOST_TEST(reference == expected, boost::test_tools::per_element());
  BOOST_TEST(shared == expected, boost::test_tools::per_element());
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(redis_budget_store, RedisFixture)

BOOST_AUTO_TEST_CASE(sliding_log_grants_its_cap_then_waits_for_the_oldest_entry) {
  const Limits limits = log_limits(2000, 3, 3, 3, 3);
  const auto started = std::chrono::steady_clock::now();
  expect_same_as_memory(store, limits, {kGating, kGating, kGating, kGating},
                        {"granted", "granted", "granted", "all"});
  const Ticket refused = store.take(kIdentity, limits, request(kGating));
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  // The first entry leaves at its time + window + margin + 1 ms.
  BOOST_TEST(!refused.granted);
  BOOST_TEST(refused.wait_ms <= 2101);
  BOOST_TEST(refused.wait_ms >= 2101 - elapsed - 1);
  BOOST_TEST(store.usage(kIdentity, limits).logs.at(0).used == 3);
}

BOOST_AUTO_TEST_CASE(an_entry_that_aged_out_makes_room_again) {
  const Limits limits = log_limits(300, 1, 1, 1, 1);
  BOOST_TEST(store.take(kIdentity, limits, request(kGating)).granted);
  const Ticket refused = store.take(kIdentity, limits, request(kGating));
  BOOST_TEST_REQUIRE(!refused.granted);
  BOOST_TEST(refused.wait_ms <= 401);
  // Ageing out is what is tested: waiting the advised time is the point.
  std::this_thread::sleep_for(std::chrono::milliseconds(refused.wait_ms));
  BOOST_TEST(store.take(kIdentity, limits, request(kGating)).granted);
}

BOOST_AUTO_TEST_CASE(priority_caps_leave_room_for_gating_updates_as_the_memory_store_does) {
  expect_same_as_memory(store, log_limits(2000, 4, 3, 2, 1),
                        {kProgress, kProgress, kBulk, kBulk, kComment, kComment, kGating, kGating},
                        {"granted", "all", "granted", "all", "granted", "all", "granted", "all"});
}

BOOST_AUTO_TEST_CASE(bulk_cap_limits_reports_but_not_gating_updates) {
  expect_same_as_memory(store, log_limits(2000, 10, 10, 10, 10, 2),
                        {kBulk, kBulk, kBulk, kGating, kComment},
                        {"granted", "granted", "all/bulk-share", "granted", "granted"});
}

BOOST_AUTO_TEST_CASE(bucket_empties_and_says_when_it_has_a_token_again) {
  Limits limits;
  limits.buckets.push_back(BucketLimit{"node", 2, 1000, BucketScope::all});
  expect_same_as_memory(store, limits, {kGating, kGating, kGating}, {"granted", "granted", "node"});
  const Ticket refused = store.take(kIdentity, limits, request(kGating));
  BOOST_TEST(refused.wait_ms > 900);
  BOOST_TEST(refused.wait_ms <= 1000);
}

BOOST_AUTO_TEST_CASE(a_pause_holds_every_take_and_a_shorter_one_never_shortens_it) {
  const Limits limits = log_limits(2000, 5, 5, 5, 5);
  const std::int64_t now = store.now_ms();
  store.pause(kIdentity, now + 5000);
  store.pause(kIdentity, now + 1000);
  const Ticket refused = store.take(kIdentity, limits, request(kGating));
  BOOST_TEST(!refused.granted);
  BOOST_TEST(refused.blocked_by == "pause");
  BOOST_TEST(refused.wait_ms > 4000);
  BOOST_TEST(refused.wait_ms <= 5000);
  BOOST_TEST(store.usage(kIdentity, limits).paused_until_ms == now + 5000);
}

BOOST_AUTO_TEST_CASE(external_entries_count_against_the_log) {
  const Limits limits = log_limits(2000, 3, 3, 3, 3);
  store.add_external(kIdentity, "all", 2, store.now_ms());
  BOOST_TEST(store.take(kIdentity, limits, request(kGating)).granted);
  BOOST_TEST(!store.take(kIdentity, limits, request(kGating)).granted);
  const Usage usage = store.usage(kIdentity, limits);
  BOOST_TEST(usage.logs.at(0).used == 3);
  BOOST_TEST(usage.logs.at(0).by_priority[kExternalPriority] == 2);
  BOOST_TEST(usage.logs.at(0).by_priority[0] == 1);
}

BOOST_AUTO_TEST_CASE(two_machines_share_one_log_and_grant_exactly_its_cap) {
  RedisBudgetStore other(server.url(), clock, "machine-b");
  const Limits limits = log_limits(20000, 5, 5, 5, 5);
  std::atomic<int> granted{0};
  auto spend = [&](RedisBudgetStore& machine) {
    for (int i = 0; i < 8; ++i)
      granted += machine.take(kIdentity, limits, request(kGating)).granted;
  };
  std::thread a(spend, std::ref(store));
  std::thread b(spend, std::ref(other));
  std::thread c(spend, std::ref(store));  // a second thread of one machine: its own connection
  a.join();
  b.join();
  c.join();
  BOOST_TEST(granted.load() == 5);
  BOOST_TEST(other.usage(kIdentity, limits).logs.at(0).used == 5);
}

BOOST_AUTO_TEST_CASE(heartbeats_count_live_clients_and_identities_are_listed) {
  const Limits limits = log_limits(2000, 5, 5, 5, 5);
  store.heartbeat(kIdentity, "machine-a", 60000);
  store.heartbeat(kIdentity, "machine-b", 60000);
  store.heartbeat(kIdentity, "machine-a", 60000);
  BOOST_TEST(store.take(kIdentity, limits, request(kGating)).granted);
  store.pause("other:identity", store.now_ms() + 60000);
  BOOST_TEST(store.usage(kIdentity, limits).live_clients == 2);
  const std::vector<std::string> expected{kIdentity, "other:identity"};
  BOOST_TEST(store.identities() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_key_expires_so_idle_identities_vanish) {
  Limits limits = log_limits(2000, 5, 5, 5, 5);
  limits.buckets.push_back(BucketLimit{"node", 2, 1000, BucketScope::all});
  BOOST_TEST(store.take(kIdentity, limits, request(kGating)).granted);
  store.heartbeat(kIdentity, "machine-a", 5000);
  for (const std::string suffix : {":log:all", ":bucket:node", ":clients"}) {
    const long ttl =
        std::stol(server.command("PTTL", "cibatch:budget:" + std::string(kIdentity) + suffix));
    BOOST_TEST(ttl > 0, suffix << " expires in " << ttl);
    BOOST_TEST(ttl <= 5000, suffix << " expires in " << ttl);
  }
}

BOOST_AUTO_TEST_CASE(a_redis_restarted_empty_is_used_again_with_its_script_loaded_again) {
  const Limits limits = log_limits(2000, 5, 5, 5, 5);
  BOOST_TEST(store.take(kIdentity, limits, request(kGating)).granted);
  server.kill();
  server.start();
  BOOST_TEST(server.command("DBSIZE") == "0");
  BOOST_TEST(store.take(kIdentity, limits, request(kGating)).granted);
  BOOST_TEST(store.usage(kIdentity, limits).logs.at(0).used == 1);
}

BOOST_AUTO_TEST_CASE(a_forgotten_script_is_loaded_again_on_noscript) {
  const Limits limits = log_limits(2000, 5, 5, 5, 5);
  BOOST_TEST(store.take(kIdentity, limits, request(kGating)).granted);
  BOOST_TEST(server.command("SCRIPT", "FLUSH") == "OK");
  BOOST_TEST(store.take(kIdentity, limits, request(kGating)).granted);
  BOOST_TEST(store.usage(kIdentity, limits).logs.at(0).used == 2);
}

BOOST_AUTO_TEST_CASE(a_redis_that_is_gone_is_a_budget_error_naming_it) {
  server.kill();
  try {
    store.take(kIdentity, log_limits(2000, 5, 5, 5, 5), request(kGating));
    BOOST_FAIL("a take without Redis succeeded");
  } catch (const RedisError& e) {
    BOOST_TEST((e.kind() == RedisError::Kind::unavailable));
    BOOST_TEST(std::string(e.what()).find("redis 127.0.0.1:" + std::to_string(server.port()) +
                                          "/0") != std::string::npos,
               e.what());
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
