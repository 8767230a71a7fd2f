#include "budget/fallback_budget_store.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "budget/redis_budget_store.h"
#include "redis_server.h"
#include "redis_store_fixture.h"

namespace cib {
namespace {

using test::log_limits;
using test::request;

const char* const kIdentity = "https://api.bitbucket.org/2.0 account:ci";
const char* const kPassword = "fallback-password-42";

// A shared budget of 10 per 20 s with two live clients: this process (the fallback store, on a
// clock the test moves) and another machine that talks to Redis directly.
struct FallbackFixture : test::SigpipeIgnored {
  FallbackFixture() {
    other.heartbeat(kIdentity, "machine-b", 60000);
    store.heartbeat(kIdentity, "machine-a", 60000);
  }

  int granted(int takes) {
    int count = 0;
    for (int i = 0; i < takes; ++i)
      count += store.take(kIdentity, limits, request(Priority::gating)).granted;
    return count;
  }

  test::RedisServer server{kPassword};
  ManualClock clock;
  SystemClock system_clock;
  std::vector<std::string> warnings;
  FallbackBudgetStore store{server.url(), clock, "machine-a",
                            [this](const std::string& line) { warnings.push_back(line); }};
  RedisBudgetStore other{server.url(), system_clock, "machine-b"};
  const Limits limits = log_limits(20000, 10, 10, 10, 10);
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(fallback_budget_store, FallbackFixture)

BOOST_AUTO_TEST_CASE(spends_only_its_share_while_redis_is_away_and_hands_it_back) {
  for (int i = 0; i < 2; ++i)
    BOOST_TEST(other.take(kIdentity, limits, request(Priority::gating)).granted);
  BOOST_TEST(granted(2) == 2);  // 4 of 10 used: 6 remain, 3 for each of the two live clients
  server.kill();

  BOOST_TEST(granted(10) == 3);
  BOOST_TEST(!store.redis_answering());
  BOOST_TEST_REQUIRE(warnings.size() == 1u);
  BOOST_TEST(warnings[0].find("redis 127.0.0.1:" + std::to_string(server.port()) + "/0") !=
                 std::string::npos,
             warnings[0]);

  server.start();
  // Less than a second since Redis was lost: not asked again, nothing sent to it.
  BOOST_TEST(granted(1) == 0);
  BOOST_TEST(server.command("DBSIZE") == "0");
  BOOST_TEST(warnings.size() == 1u);

  clock.advance(std::chrono::milliseconds(1000));
  BOOST_TEST(granted(1) == 1);
  BOOST_TEST(store.redis_answering());
  BOOST_TEST_REQUIRE(warnings.size() == 2u);
  BOOST_TEST(warnings[1].find("answers again; 3 log entries") != std::string::npos, warnings[1]);
  // Redis restarted empty: this process hands back its whole window, the two taken before,
  // the three granted while it was away, and the one just now.
  BOOST_TEST(other.usage(kIdentity, limits).logs.at(0).used == 6);
  for (const std::string& line : warnings)
    BOOST_TEST(line.find(kPassword) == std::string::npos, line);
}

BOOST_AUTO_TEST_CASE(with_nothing_left_it_waits_for_the_window_then_takes_its_share_of_it) {
  for (int i = 0; i < 10; ++i) other.take(kIdentity, limits, request(Priority::gating));
  BOOST_TEST(granted(1) == 0);  // full: seen by this process
  server.kill();
  const Ticket refused = store.take(kIdentity, limits, request(Priority::gating));
  BOOST_TEST(!refused.granted);
  BOOST_TEST(warnings.size() == 1u);
  // What Redis counted leaves the 20 s window; then half of it (two live clients) is ours.
  BOOST_TEST(refused.wait_ms > 19000);
  BOOST_TEST(refused.wait_ms <= 20000 + limits.margin_ms + 1);
  clock.advance(std::chrono::milliseconds(refused.wait_ms));
  BOOST_TEST(granted(10) == 5);
}

BOOST_AUTO_TEST_CASE(a_pause_set_while_redis_answered_still_holds_when_it_is_away) {
  store.pause(kIdentity, store.now_ms() + 60000);
  server.kill();
  const Ticket ticket = store.take(kIdentity, limits, request(Priority::gating));
  BOOST_TEST(!ticket.granted);
  BOOST_TEST(ticket.blocked_by == "pause");
  BOOST_TEST(ticket.wait_ms > 50000);
}

BOOST_AUTO_TEST_CASE(a_pause_met_while_redis_was_away_reaches_it_when_it_returns) {
  BOOST_TEST(granted(1) == 1);
  server.kill();
  BOOST_TEST(granted(1) == 1);  // notices that Redis is away
  store.pause(kIdentity, store.now_ms() + 60000);
  server.start();
  clock.advance(std::chrono::milliseconds(1000));
  const Ticket ticket = store.take(kIdentity, limits, request(Priority::gating));
  BOOST_TEST(store.redis_answering());
  BOOST_TEST(ticket.blocked_by == "pause");
  const Ticket elsewhere = other.take(kIdentity, limits, request(Priority::gating));
  BOOST_TEST(elsewhere.blocked_by == "pause");
  BOOST_TEST(elsewhere.wait_ms > 55000);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
