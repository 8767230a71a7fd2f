#include <boost/test/unit_test.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "runtime/clock.h"
#include "spool/journal_queue.h"
#include "spool/spool.h"
#include "store_fixtures.h"
#include "temp_dir.h"

namespace cib {
namespace {

using test::order_at;
using test::status_slot;

// Stands in for the database: records what each commit wrote, fails while told to.
struct FakeStore {
  std::mutex db_mutex;
  bool failing = false;  // guarded by db_mutex (the writer runs under it)
  std::vector<std::map<std::string, std::string>> commits;

  JournalQueue::Writer writer() {
    return [this](const JournalBatch& batch, bool) {
      if (failing) throw SpoolError(SpoolError::Kind::full, "spool test.db: full");
      std::map<std::string, std::string> written;
      for (const auto& [id, entry] : batch) written[id.key] = test::description_of(entry.content);
      commits.push_back(written);
    };
  }
};

std::int64_t slot_rows(const std::string& path) {
  test::RawConnection other(path);
  return other.integer("SELECT count(*) FROM slots");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(journal)

BOOST_AUTO_TEST_CASE(a_synchronous_commit_takes_everything_queued_along) {
  FakeStore store;
  JournalQueue queue(store.db_mutex, store.writer());
  queue.journal(status_slot("a"), test::status(BuildState::inprogress, "a1"), order_at(1), false,
                false);
  queue.journal(status_slot("a"), test::status(BuildState::inprogress, "a2"), order_at(2), false,
                false);
  queue.journal(status_slot("b"), test::status(BuildState::failed, "b1"), order_at(3), true, true);
  BOOST_REQUIRE(store.commits.size() == 1u);
  BOOST_TEST((store.commits[0] == std::map<std::string, std::string>{{"a", "a2"}, {"b", "b1"}}));
}

BOOST_AUTO_TEST_CASE(a_failed_group_commit_keeps_the_entries_and_the_next_call_reports_it) {
  FakeStore store;
  JournalQueue queue(store.db_mutex, store.writer());
  queue.journal(status_slot("a"), test::status(BuildState::inprogress, "a"), order_at(1), false,
                false);
  {
    std::lock_guard<std::mutex> lock(store.db_mutex);
    store.failing = true;
    BOOST_CHECK_THROW(queue.commit_locked(false), SpoolError);  // as the committer would
  }
  // Queued (not synchronous), but the last commit failed: this call retries and reports.
  try {
    queue.journal(status_slot("b"), test::status(BuildState::inprogress, "b"), order_at(2), false,
                  false);
    BOOST_FAIL("the failed group commit was not reported");
  } catch (const SpoolError& error) {
    BOOST_TEST((error.kind() == SpoolError::Kind::full));
  }
  {
    std::lock_guard<std::mutex> lock(store.db_mutex);
    store.failing = false;
  }
  queue.journal(status_slot("c"), test::status(BuildState::inprogress, "c"), order_at(3), false,
                false);
  // "a" was kept for the retry; "b" was refused to its caller and withdrawn.
  BOOST_REQUIRE(store.commits.size() == 1u);
  BOOST_TEST((store.commits[0] == std::map<std::string, std::string>{{"a", "a"}, {"c", "c"}}));
}

BOOST_AUTO_TEST_CASE(a_refused_update_gives_back_the_entry_it_displaced) {
  FakeStore store;
  JournalQueue queue(store.db_mutex, store.writer());
  queue.journal(status_slot("a"), test::status(BuildState::inprogress, "accepted"), order_at(1),
                false, false);
  store.failing = true;  // no committer thread runs: nothing else reads it now
  BOOST_CHECK_THROW(queue.journal(status_slot("a"), test::status(BuildState::failed, "refused"),
                                  order_at(2), true, true),
                    SpoolError);
  store.failing = false;
  queue.stop();
  BOOST_REQUIRE(store.commits.size() == 1u);
  BOOST_TEST(store.commits[0].at("a") == "accepted");
}

BOOST_AUTO_TEST_CASE(batch_entries_are_on_disk_once_the_spool_is_closed) {
  test::TempDir dir;
  ManualClock clock;
  const SpoolOptions options = test::spool_options(dir);
  {
    auto spool = Spool::open(options, clock);
    for (int i = 0; i < 50; ++i) {
      spool->journal(status_slot("s" + std::to_string(i)),
                     test::status(BuildState::inprogress, "x"), order_at(i + 1), false, false);
    }
  }
  BOOST_TEST(slot_rows(options.path) == 50);
}

BOOST_AUTO_TEST_CASE(a_durable_entry_is_seen_at_once_by_another_connection) {
  test::TempDir dir;
  ManualClock clock;
  const SpoolOptions options = test::spool_options(dir);
  auto spool = Spool::open(options, clock);
  spool->journal(status_slot("queued"), test::status(BuildState::inprogress, "q"), order_at(1),
                 false, false);
  spool->journal(status_slot("gating"), test::status(BuildState::failed, "g"), order_at(2), true,
                 true);
  BOOST_TEST(slot_rows(options.path) == 2);  // the queued one went along
}

BOOST_AUTO_TEST_CASE(with_sync_always_every_entry_is_on_disk_when_journal_returns) {
  test::TempDir dir;
  ManualClock clock;
  const SpoolOptions options = test::spool_options(dir, SyncMode::always);
  auto spool = Spool::open(options, clock);
  spool->journal(status_slot("a"), test::status(BuildState::inprogress, "a"), order_at(1), false,
                 false);
  BOOST_TEST(slot_rows(options.path) == 1);
}

BOOST_AUTO_TEST_CASE(the_committer_writes_batch_entries_without_further_calls) {
  test::TempDir dir;
  ManualClock clock;
  const SpoolOptions options = test::spool_options(dir);
  auto spool = Spool::open(options, clock);
  spool->journal(status_slot("a"), test::status(BuildState::inprogress, "a"), order_at(1), false,
                 false);
  // Polls another connection: the commit is due within 10 ms; 10 s is the failure bound.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (slot_rows(options.path) != 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  BOOST_TEST(slot_rows(options.path) == 1);
}

BOOST_AUTO_TEST_CASE(concurrent_posters_all_end_with_their_newest_content) {
  test::TempDir dir;
  ManualClock clock;
  const SpoolOptions options = test::spool_options(dir);
  constexpr int kThreads = 8;
  constexpr int kUpdates = 300;
  {
    auto spool = Spool::open(options, clock);
    std::vector<std::thread> posters;
    for (int t = 0; t < kThreads; ++t) {
      posters.emplace_back([&spool, t] {
        for (int n = 1; n <= kUpdates; ++n) {
          const bool last = n == kUpdates;
          spool->journal(status_slot("t" + std::to_string(t) + "-" + std::to_string(n % 10)),
                         test::status(last ? BuildState::successful : BuildState::inprogress,
                                      std::to_string(n)),
                         order_at(t * 100000 + n), last, last || n % 50 == 0);
        }
      });
    }
    for (std::thread& poster : posters) poster.join();
  }
  auto reopened = Spool::open(options, clock);
  const std::vector<SpooledSlot> slots = reopened->pending(0);
  BOOST_TEST(slots.size() == static_cast<std::size_t>(kThreads * 10));
  std::set<std::string> finals;
  for (const SpooledSlot& slot : slots) {
    // Slot n % 10 of each thread ends with its last n: kUpdates - 9 .. kUpdates.
    const int n = std::stoi(test::description_of(slot.desired));
    BOOST_TEST(n > kUpdates - 10);
    if (n == kUpdates) finals.insert(slot.id.key);
  }
  BOOST_TEST(finals.size() == static_cast<std::size_t>(kThreads));
}

BOOST_AUTO_TEST_CASE(a_full_spool_refuses_the_update_and_keeps_the_accepted_ones) {
  test::TempDir dir;
  ManualClock clock;
  SpoolOptions options = test::spool_options(dir);
  options.max_bytes = std::int64_t{64} * 1024;
  const std::string body(3000, 'b');
  int accepted = 0;
  bool full = false;
  {
    auto spool = Spool::open(options, clock);
    for (int i = 0; i < 200 && !full; ++i) {
      try {
        spool->journal(test::comment_slot("c" + std::to_string(i)), test::comment(body),
                       order_at(i + 1), false, true);
        ++accepted;
      } catch (const SpoolError& error) {
        full = true;
        BOOST_TEST((error.kind() == SpoolError::Kind::full));
        BOOST_TEST(std::string(error.what()).find(options.path) != std::string::npos);
        BOOST_TEST(std::string(error.what()).find(body.substr(0, 50)) == std::string::npos);
      }
    }
    BOOST_REQUIRE(full);
    BOOST_REQUIRE(accepted > 0);
  }
  options.max_bytes = 0;
  auto reopened = Spool::open(options, clock);
  BOOST_TEST(reopened->pending_count() == static_cast<std::size_t>(accepted));
}

BOOST_AUTO_TEST_CASE(a_batch_spool_refuses_posts_past_max_bytes_and_writes_every_accepted_one) {
  test::TempDir dir;
  ManualClock clock;
  SpoolOptions options = test::spool_options(dir);
  options.max_bytes = std::int64_t{64} * 1024;
  int accepted = 0;
  int refused = 0;
  {
    auto spool = Spool::open(options, clock);
    // Far more than the hard cap (twice max_bytes plus 1 MiB), faster than group commits.
    for (int i = 0; i < 800; ++i) {
      try {
        spool->journal(test::comment_slot("c" + std::to_string(i)),
                       test::comment(std::string(3000, 'b')), order_at(i + 1), false, false);
        ++accepted;
      } catch (const SpoolError& error) {
        ++refused;
        BOOST_TEST((error.kind() == SpoolError::Kind::full));
        BOOST_TEST(std::string(error.what()).find("spool.max_mb") != std::string::npos);
      }
    }
    BOOST_TEST(refused > 0);
    BOOST_TEST(accepted > 0);
    BOOST_TEST(spool->pending_count() == static_cast<std::size_t>(accepted));
  }
  options.max_bytes = 0;
  auto reopened = Spool::open(options, clock);
  BOOST_TEST(reopened->pending_count() == static_cast<std::size_t>(accepted));
}

BOOST_AUTO_TEST_CASE(an_entry_whose_group_commit_failed_stays_queued_until_a_delivery_settles_it) {
  FakeStore store;
  JournalQueue queue(store.db_mutex, store.writer());
  queue.journal(status_slot("a"), test::status(BuildState::inprogress, "a"), order_at(1), false,
                false);
  queue.journal(status_slot("b"), test::status(BuildState::inprogress, "b"), order_at(2), false,
                false);
  {
    std::lock_guard<std::mutex> lock(store.db_mutex);
    store.failing = true;
    BOOST_CHECK_THROW(queue.commit_locked(false), SpoolError);  // as the committer would
  }
  const auto kept = queue.queued(status_slot("a"));
  BOOST_REQUIRE(kept.has_value());
  BOOST_TEST(test::description_of(kept->content) == "a");
  BOOST_TEST(queue.unwritten() == 2u);
  queue.forget_settled(status_slot("a"), order_at(1));  // delivered from memory
  BOOST_TEST(!queue.queued(status_slot("a")).has_value());
  store.failing = false;
  queue.stop();
  BOOST_REQUIRE(store.commits.size() == 1u);
  BOOST_TEST((store.commits[0] == std::map<std::string, std::string>{{"b", "b"}}));
}

BOOST_AUTO_TEST_CASE(an_entry_past_the_room_is_refused_and_written_entries_give_room_back) {
  FakeStore store;
  JournalQueue queue(store.db_mutex, store.writer());
  queue.set_room(100);
  BOOST_TEST(queue.journal(status_slot("a"), test::status(BuildState::inprogress, "a"), order_at(1),
                           false, false, 60));
  BOOST_TEST(!queue.journal(status_slot("b"), test::status(BuildState::inprogress, "b"),
                            order_at(2), false, false, 60));
  BOOST_TEST(!queue.queued(status_slot("b")).has_value());
  // A newer entry of the same slot takes the room of the one it replaces.
  BOOST_TEST(queue.journal(status_slot("a"), test::status(BuildState::inprogress, "a2"),
                           order_at(3), false, false, 90));
  {
    std::lock_guard<std::mutex> lock(store.db_mutex);
    queue.commit_locked(false);
  }
  BOOST_TEST(queue.journal(status_slot("b"), test::status(BuildState::inprogress, "b"), order_at(4),
                           false, false, 60));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
