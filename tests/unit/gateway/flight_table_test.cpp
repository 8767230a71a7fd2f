// Collapsed reads with real threads: followers that joined a leader's flight all get its one
// outcome, a leader that goes away without one lets them ask on their own, and a wait ends at
// its timeout. Threads report that they joined through a latch, never a sleep.
#include "gateway/flight_table.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace cib::gw {
namespace {

constexpr int kFollowers = 16;
constexpr std::int64_t kLongWaitMs = 60'000;  // a lost wake-up fails the test by its timeout

// Counts threads that reached a point; the test waits until all did.
class Latch {
 public:
  void arrive() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++arrived_;
    changed_.notify_all();
  }
  void wait_for(int count) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return arrived_ >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int arrived_ = 0;
};

struct Followers {
  std::vector<std::thread> threads;
  std::vector<std::shared_ptr<const FlightOutcome>> outcomes =
      std::vector<std::shared_ptr<const FlightOutcome>>(kFollowers);
  std::vector<char> led = std::vector<char>(kFollowers, 0);
  Latch joined;

  void start(FlightTable& table, const std::string& key) {
    for (int i = 0; i < kFollowers; ++i) {
      threads.emplace_back([this, &table, key, i] {
        FlightTable::Ticket ticket = table.join(key);
        led[i] = ticket.leader();
        joined.arrive();
        if (!ticket.leader()) outcomes[i] = ticket.wait(kLongWaitMs);
      });
    }
    joined.wait_for(kFollowers);
  }
  void join_all() {
    for (std::thread& thread : threads) thread.join();
  }
};

std::shared_ptr<const FlightOutcome> answered(const std::string& body) {
  auto outcome = std::make_shared<FlightOutcome>();
  outcome->from_upstream = true;
  outcome->response.status = 200;
  outcome->response.body = body;
  outcome->fetched_ms = 42;
  return outcome;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(flight_table)

BOOST_AUTO_TEST_CASE(every_follower_gets_the_leaders_one_outcome) {
  FlightTable table;
  std::optional<FlightTable::Ticket> leader(table.join("GET /r"));
  BOOST_TEST(leader->leader());
  Followers followers;
  followers.start(table, "GET /r");
  BOOST_TEST(table.in_flight() == 1);
  const auto outcome = answered("the list");
  leader->finish(outcome);
  followers.join_all();
  for (int i = 0; i < kFollowers; ++i) {
    BOOST_TEST(!followers.led[i]);
    BOOST_TEST(followers.outcomes[i] == outcome);  // the same object: one upstream answer
  }
  BOOST_TEST(table.in_flight() == 0);
  BOOST_TEST(table.join("GET /r").leader());  // a later read starts a flight of its own
}

BOOST_AUTO_TEST_CASE(flights_of_other_keys_are_separate) {
  FlightTable table;
  FlightTable::Ticket first = table.join("a");
  FlightTable::Ticket second = table.join("b");
  BOOST_TEST(first.leader());
  BOOST_TEST(second.leader());
  BOOST_TEST(table.in_flight() == 2);
}

BOOST_AUTO_TEST_CASE(a_leader_gone_without_an_outcome_fails_its_followers) {
  FlightTable table;
  std::optional<FlightTable::Ticket> leader(table.join("GET /r"));
  Followers followers;
  followers.start(table, "GET /r");
  leader.reset();  // e.g. an exception on the leader's way
  followers.join_all();
  for (int i = 0; i < kFollowers; ++i) {
    BOOST_REQUIRE(followers.outcomes[i]);
    BOOST_TEST(!followers.outcomes[i]->from_upstream);
  }
  BOOST_TEST(table.in_flight() == 0);
}

BOOST_AUTO_TEST_CASE(a_wait_ends_at_its_timeout) {
  FlightTable table;
  FlightTable::Ticket leader = table.join("k");
  FlightTable::Ticket follower = table.join("k");
  BOOST_TEST(!follower.leader());
  const auto started = std::chrono::steady_clock::now();
  BOOST_TEST(!follower.wait(50));
  const auto waited = std::chrono::steady_clock::now() - started;
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count() >= 50);
  BOOST_TEST(!follower.wait(0));
  const auto outcome = answered("late");
  leader.finish(outcome);
  BOOST_TEST(follower.wait(0) == outcome);  // finished before the wait: no wake-up to lose
}

BOOST_AUTO_TEST_CASE(a_moved_ticket_leads_once) {
  FlightTable table;
  std::optional<FlightTable::Ticket> moved;
  {
    FlightTable::Ticket leader = table.join("k");
    moved.emplace(std::move(leader));
  }  // the moved-from ticket ends nothing
  BOOST_TEST(table.in_flight() == 1);
  FlightTable::Ticket follower = table.join("k");
  moved->finish(nullptr);  // no outcome at all counts as a failed one
  const auto outcome = follower.wait(0);
  BOOST_REQUIRE(outcome);
  BOOST_TEST(!outcome->from_upstream);
}

BOOST_AUTO_TEST_CASE(roles_are_kept) {
  FlightTable table;
  FlightTable::Ticket leader = table.join("k");
  FlightTable::Ticket follower = table.join("k");
  BOOST_CHECK_THROW(leader.wait(0), std::logic_error);
  BOOST_CHECK_THROW(follower.finish(answered("x")), std::logic_error);
  leader.finish(answered("x"));
  BOOST_CHECK_THROW(leader.finish(answered("x")), std::logic_error);
}

BOOST_AUTO_TEST_CASE(racing_askers_share_one_leader_per_flight) {
  // Many rounds of askers that all arrive at once: each round has exactly one leader, and
  // everyone else gets that leader's outcome.
  constexpr int kRounds = 50;
  for (int round = 0; round < kRounds; ++round) {
    FlightTable table;
    std::mutex mutex;
    std::condition_variable go;
    bool started = false;
    std::vector<std::shared_ptr<const FlightOutcome>> got(kFollowers);
    std::vector<int> leaders(kFollowers, 0);
    Latch joined;
    std::vector<std::thread> threads;
    for (int i = 0; i < kFollowers; ++i) {
      threads.emplace_back([&, i] {
        {
          std::unique_lock<std::mutex> lock(mutex);
          go.wait(lock, [&] { return started; });
        }
        FlightTable::Ticket ticket = table.join("k");
        joined.arrive();
        if (ticket.leader()) {
          leaders[i] = 1;
          joined.wait_for(kFollowers);  // everyone joined this flight before it ends
          got[i] = answered("round");
          ticket.finish(got[i]);
        } else {
          got[i] = ticket.wait(kLongWaitMs);
        }
      });
    }
    {
      std::lock_guard<std::mutex> lock(mutex);
      started = true;
    }
    go.notify_all();
    for (std::thread& thread : threads) thread.join();
    int leader_count = 0;
    for (int led : leaders) leader_count += led;
    BOOST_REQUIRE_EQUAL(leader_count, 1);
    for (const auto& outcome : got) BOOST_TEST(outcome == got.front());
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::gw
