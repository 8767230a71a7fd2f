#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "runtime/clock.h"
#include "spool/spool.h"
#include "store_fixtures.h"
#include "temp_dir.h"

namespace cib {
namespace {

using test::order_at;
using test::status_slot;

constexpr std::int64_t kNanosPerDay = 86'400LL * 1'000'000'000LL;

std::map<std::string, SpooledSlot> pending_by_key(Spool& spool) {
  std::map<std::string, SpooledSlot> slots;
  for (SpooledSlot& slot : spool.pending(0)) slots[slot.id.key] = slot;
  return slots;
}

// Delivers `content` for `id` through the lease, as the dispatcher does.
void deliver(Spool& spool, const SlotId& id, const Content& content, const OrderKey& order,
             std::int64_t wall_ns, const RemoteState& remote = {}) {
  const Claim claim = spool.claim(id);
  BOOST_REQUIRE(claim.acquired);
  BOOST_REQUIRE(spool.complete(id, claim.token, order, content, true, remote, wall_ns));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sqlite_spool)

BOOST_AUTO_TEST_CASE(newer_content_from_another_process_is_seen_before_a_send) {
  test::TempDir dir;
  ManualClock clock;
  const SlotId build = status_slot("build");
  auto mine = Spool::open(test::spool_options(dir), clock);
  auto theirs = Spool::open(test::spool_options(dir), clock);
  mine->journal(build, test::status(BuildState::inprogress, "one"), order_at(1), false, true);
  BOOST_TEST(!mine->newer_content_waits(build, order_at(1)));
  theirs->journal(build, test::status(BuildState::failed, "two"), order_at(2), true, true);
  BOOST_TEST(mine->newer_content_waits(build, order_at(1)));
  BOOST_TEST(!mine->newer_content_waits(build, order_at(2)));
  BOOST_TEST(!mine->newer_content_waits(status_slot("unknown"), order_at(1)));
}

BOOST_AUTO_TEST_CASE(a_rescan_reads_only_slots_written_since_the_last_one) {
  test::TempDir dir;
  ManualClock clock;
  auto spool = Spool::open(test::spool_options(dir), clock);
  spool->journal(status_slot("early"), test::status(BuildState::failed, "a"), order_at(1), true,
                 true);
  clock.advance(Duration(5000));
  const std::int64_t since = clock.wall_ns();
  spool->journal(status_slot("late"), test::status(BuildState::failed, "b"), order_at(2), true,
                 true);
  BOOST_TEST(pending_by_key(*spool).size() == 2u);
  const auto changed = spool->pending(since);
  BOOST_REQUIRE(changed.size() == 1u);
  BOOST_TEST(changed.front().id.key == "late");
}

BOOST_AUTO_TEST_CASE(pending_slots_survive_a_reopen) {
  test::TempDir dir;
  ManualClock clock;
  const SlotId build = status_slot("build");
  const SlotId summary = test::comment_slot("summary");
  {
    auto spool = Spool::open(test::spool_options(dir), clock);
    spool->journal(build, test::status(BuildState::inprogress, "one"), order_at(1), false, false);
    spool->journal(build, test::status(BuildState::failed, "two"), order_at(2), true, false);
    spool->journal(summary, test::comment("3 findings"), order_at(3), false, false);
  }
  auto spool = Spool::open(test::spool_options(dir), clock);
  const auto slots = pending_by_key(*spool);
  BOOST_TEST(slots.size() == 2u);
  BOOST_TEST(test::description_of(slots.at("build").desired) == "two");
  BOOST_TEST(slots.at("build").gating);
  BOOST_TEST((slots.at("build").order == order_at(2)));
  BOOST_TEST((slots.at("build").id == build));
  std::size_t gating = 0;
  BOOST_TEST(spool->pending_count(&gating) == 2u);
  BOOST_TEST(gating == 1u);
  BOOST_TEST((slots.at("summary").desired == test::comment("3 findings")));
  BOOST_TEST((slots.at("summary").id == summary));
}

BOOST_AUTO_TEST_CASE(the_newest_order_key_wins_across_two_spools_on_one_file) {
  test::TempDir dir;
  ManualClock clock;
  auto first = Spool::open(test::spool_options(dir), clock);
  auto second = Spool::open(test::spool_options(dir), clock);
  const SlotId a = status_slot("a");
  const SlotId b = status_slot("b");
  // a: the newer arrives first; b: the older arrives first. Both end at the newer.
  first->journal(a, test::status(BuildState::successful, "newer"), order_at(20), true, true);
  second->journal(a, test::status(BuildState::inprogress, "older"), order_at(10), false, true);
  second->journal(b, test::status(BuildState::inprogress, "older"), order_at(30), false, true);
  first->journal(b, test::status(BuildState::failed, "newer"), order_at(40), true, true);
  for (Spool* spool : {first.get(), second.get()}) {
    const auto slots = pending_by_key(*spool);
    BOOST_TEST(test::description_of(slots.at("a").desired) == "newer");
    BOOST_TEST(test::description_of(slots.at("b").desired) == "newer");
  }
}

BOOST_AUTO_TEST_CASE(an_older_entry_queued_after_a_newer_one_is_dropped) {
  test::TempDir dir;
  ManualClock clock;
  auto spool = Spool::open(test::spool_options(dir), clock);
  const SlotId id = status_slot("a");
  spool->journal(id, test::status(BuildState::failed, "newer"), order_at(2), true, false);
  spool->journal(id, test::status(BuildState::inprogress, "older"), order_at(1), false, false);
  BOOST_TEST(test::description_of(spool->pending(0).at(0).desired) == "newer");
}

BOOST_AUTO_TEST_CASE(another_identity_sees_none_of_the_rows) {
  test::TempDir dir;
  ManualClock clock;
  auto mine = Spool::open(test::spool_options(dir), clock);
  SpoolOptions other_options = test::spool_options(dir);
  other_options.identity = "identity-b";
  auto other = Spool::open(other_options, clock);
  const SlotId id = status_slot("a");
  mine->journal(id, test::status(BuildState::failed, "x"), order_at(1), true, true);
  deliver(*mine, status_slot("done"), test::status(BuildState::successful, "y"), order_at(2),
          clock.wall_ns());
  BOOST_TEST(other->pending(0).empty());
  BOOST_TEST(other->pending_count() == 0u);
  int visited = 0;
  other->for_each_known(0, [&](const SlotId&, const auto&, const auto&) { ++visited; });
  BOOST_TEST(visited == 0);
  BOOST_TEST(!other->claim(id).newest.has_value());
  BOOST_TEST(mine->pending_count() == 1u);
}

BOOST_AUTO_TEST_CASE(known_slots_are_listed_after_a_reopen) {
  test::TempDir dir;
  ManualClock clock;
  const SlotId delivered = status_slot("delivered");
  const SlotId remote_only = status_slot("remote-only");
  RemoteState remote;
  remote.remote_id = "17";
  remote.create_ambiguous = true;
  {
    auto spool = Spool::open(test::spool_options(dir), clock);
    spool->journal(delivered, test::status(BuildState::successful, "ok"), order_at(1), true, false);
    deliver(*spool, delivered, test::status(BuildState::successful, "ok"), order_at(1),
            clock.wall_ns() - 5, remote);
    const Claim claim = spool->claim(remote_only);
    spool->release(remote_only, claim.token, remote);
  }
  auto spool = Spool::open(test::spool_options(dir), clock);
  std::map<std::string, std::pair<std::optional<DeliveredRecord>, std::optional<RemoteState>>> seen;
  spool->for_each_known(0, [&](const SlotId& id, const std::optional<DeliveredRecord>& record,
                               const std::optional<RemoteState>& state) {
    seen[id.key] = {record, state};
  });
  BOOST_TEST(seen.size() == 2u);
  const auto& [record, state] = seen.at("delivered");
  BOOST_REQUIRE(record.has_value());
  BOOST_TEST(test::description_of(record->content) == "ok");
  BOOST_TEST(record->wall_ns == clock.wall_ns() - 5);
  BOOST_TEST((record->order == order_at(1)));
  BOOST_REQUIRE(state.has_value());
  BOOST_TEST(state->remote_id == "17");
  BOOST_TEST(!seen.at("remote-only").first.has_value());
  BOOST_TEST(seen.at("remote-only").second->create_ambiguous);
  BOOST_TEST(spool->pending(0).empty());

  // A delivered record older than `since` is left out.
  int recent = 0;
  spool->for_each_known(clock.wall_ns(), [&](const SlotId&, const auto& r, const auto&) {
    recent += r.has_value() ? 1 : 0;
  });
  BOOST_TEST(recent == 0);
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_sqlite_is_refused_untouched) {
  test::TempDir dir;
  const SpoolOptions options = test::spool_options(dir);
  std::filesystem::create_directories(dir.file("state"));
  const std::string text = "not a database, but someone's notes\n" + std::string(5000, 'n');
  test::write_file(options.path, text);
  ManualClock clock;
  try {
    Spool::open(options, clock);
    BOOST_FAIL("a text file was opened as a spool");
  } catch (const SpoolError& error) {
    BOOST_TEST((error.kind() == SpoolError::Kind::not_sqlite));
    const std::string message = error.what();
    BOOST_TEST(message.find(options.path + " is not a cibatch spool") != std::string::npos);
    BOOST_TEST(message.find("cibatch spool repair --config FILE") != std::string::npos);
  }
  BOOST_TEST((test::file_bytes(options.path) == text), "the file was changed");
}

BOOST_AUTO_TEST_CASE(remove_expired_drops_old_records_and_unreferenced_settled_slots) {
  test::TempDir dir;
  ManualClock clock;
  SpoolOptions options = test::spool_options(dir);
  options.retain_days = 30;
  auto spool = Spool::open(options, clock);
  const std::int64_t now = clock.wall_ns();
  const SlotId old_one = status_slot("old");
  const SlotId recent = status_slot("recent");
  const SlotId waiting = status_slot("waiting");
  const SlotId with_remote = status_slot("with-remote");
  deliver(*spool, old_one, test::status(BuildState::successful, "o"), order_at(1),
          now - 31 * kNanosPerDay);
  deliver(*spool, recent, test::status(BuildState::successful, "r"), order_at(2),
          now - 29 * kNanosPerDay);
  RemoteState remote;
  remote.remote_id = "9";
  deliver(*spool, with_remote, test::comment("c"), order_at(3), now - 40 * kNanosPerDay, remote);
  spool->journal(waiting, test::status(BuildState::inprogress, "w"), order_at(4), false, true);

  // Old delivered records of "old" and "with-remote", and the settled row of "old".
  BOOST_TEST(spool->remove_expired() == 3u);
  std::vector<std::string> known;
  spool->for_each_known(
      0, [&](const SlotId& id, const auto&, const auto&) { known.push_back(id.key); });
  std::sort(known.begin(), known.end());
  BOOST_TEST(known == (std::vector<std::string>{"recent", "with-remote"}),
             boost::test_tools::per_element());
  BOOST_TEST(spool->pending_count() == 1u);
  BOOST_TEST(spool->remove_expired() == 0u);
}

BOOST_AUTO_TEST_CASE(spool_options_come_from_the_settings) {
  Settings settings;
  settings.spool_path = "/somewhere/spool.db";
  settings.spool_sync = SyncMode::always;
  settings.spool_group = "ci";
  settings.spool_retain_days = 3;
  settings.spool_busy_timeout_ms = 700;
  settings.spool_lease_ms = 900;
  settings.spool_max_mb = 2;
  const SpoolOptions options = SpoolOptions::from(settings, "hash");
  BOOST_TEST(options.path == "/somewhere/spool.db");
  BOOST_TEST((options.sync == SyncMode::always));
  BOOST_TEST(options.group == "ci");
  BOOST_TEST(options.retain_days == 3);
  BOOST_TEST(options.busy_timeout_ms == 700);
  BOOST_TEST(options.lease_ms == 900);
  BOOST_TEST(options.max_bytes == 2 * 1024 * 1024);
  BOOST_TEST(options.identity == "hash");
  settings.spool_path.clear();
  BOOST_TEST(!SpoolOptions::from(settings, "hash").path.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
