#include "budget/sqlite_budget_store.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace cib {
namespace {

constexpr std::int64_t kBusyTimeoutMs = 5000;

LogLimit rolling_log(const std::string& name, std::int64_t limit, std::int64_t window_ms) {
  LogLimit log;
  log.name = name;
  log.window_ms = window_ms;
  log.limit = limit;
  for (std::int64_t& cap : log.cap) cap = limit;
  return log;
}

Limits one_log(std::int64_t limit, std::int64_t window_ms, std::int64_t margin_ms = 0) {
  Limits limits;
  limits.logs.push_back(rolling_log("all", limit, window_ms));
  limits.margin_ms = margin_ms;
  return limits;
}

TakeRequest of(Priority priority, bool write = false) {
  TakeRequest request;
  request.priority = priority;
  request.write = write;
  return request;
}

const TakeRequest kGating = of(Priority::gating);

struct StoreFixture {
  test::TempDir dir{"cibatch-budget"};
  ManualClock clock;
  SqliteBudgetStore store{dir.file("budget.db"), "", kBusyTimeoutMs, clock};

  void advance(std::int64_t ms) { clock.advance(Duration(ms)); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(sqlite_budget_store, StoreFixture)

BOOST_AUTO_TEST_CASE(sliding_log_grants_up_to_its_limit_then_waits_for_the_oldest_entry) {
  const Limits limits = one_log(3, 10'000);
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(store.take("acct", limits, kGating).granted);
    advance(1000);
  }
  const Ticket refused = store.take("acct", limits, kGating);
  BOOST_TEST(!refused.granted);
  BOOST_TEST(refused.blocked_by == "all");
  BOOST_TEST(refused.wait_ms >= 7000);  // the first entry, taken 3 s ago, leaves in 7 s
  BOOST_TEST(refused.wait_ms <= 7001);
  advance(7000);
  BOOST_TEST(store.take("acct", limits, kGating).granted);
  BOOST_TEST(!store.take("acct", limits, kGating).granted);
}

BOOST_AUTO_TEST_CASE(an_entry_ages_out_exactly_after_window_plus_margin) {
  const Limits limits = one_log(1, 10'000, 500);
  BOOST_TEST(store.take("acct", limits, kGating).granted);
  advance(10'499);
  BOOST_TEST(!store.take("acct", limits, kGating).granted);
  advance(1);
  BOOST_TEST(store.take("acct", limits, kGating).granted);
}

BOOST_AUTO_TEST_CASE(a_progress_take_is_refused_while_a_gating_one_is_granted_at_the_same_fill) {
  Limits limits = one_log(10, 60'000);
  const std::int64_t caps[kPriorityCount] = {10, 8, 8, 6};
  std::copy(std::begin(caps), std::end(caps), std::begin(limits.logs[0].cap));
  for (int i = 0; i < 6; ++i) BOOST_TEST(store.take("acct", limits, kGating).granted);

  const Ticket progress = store.take("acct", limits, of(Priority::progress));
  BOOST_TEST(!progress.granted);
  BOOST_TEST(progress.blocked_by == "all");
  BOOST_TEST(store.take("acct", limits, of(Priority::comment)).granted);
  BOOST_TEST(store.take("acct", limits, kGating).granted);
  BOOST_TEST(!store.take("acct", limits, of(Priority::comment)).granted);  // 8 of 8
  BOOST_TEST(store.take("acct", limits, kGating).granted);
}

BOOST_AUTO_TEST_CASE(bulk_takes_stop_at_the_bulk_cap_while_others_go_on) {
  Limits limits = one_log(10, 60'000);
  limits.logs[0].bulk_cap = 3;
  for (int i = 0; i < 3; ++i) BOOST_TEST(store.take("acct", limits, of(Priority::bulk)).granted);
  const Ticket bulk = store.take("acct", limits, of(Priority::bulk));
  BOOST_TEST(!bulk.granted);
  BOOST_TEST(bulk.blocked_by == std::string("all") + kBulkShareSuffix);
  BOOST_TEST(store.take("acct", limits, of(Priority::comment)).granted);
  BOOST_TEST(store.take("acct", limits, of(Priority::progress)).granted);
}

BOOST_AUTO_TEST_CASE(a_bucket_refills_one_token_per_refill_interval) {
  Limits limits;
  limits.buckets.push_back(BucketLimit{"node", 2, 1000, BucketScope::all});
  BOOST_TEST(store.take("acct", limits, kGating).granted);
  BOOST_TEST(store.take("acct", limits, kGating).granted);
  const Ticket empty = store.take("acct", limits, kGating);
  BOOST_TEST(!empty.granted);
  BOOST_TEST(empty.blocked_by == "node");
  BOOST_TEST(empty.wait_ms == 1000);
  advance(999);
  BOOST_TEST(!store.take("acct", limits, kGating).granted);
  advance(1);
  BOOST_TEST(store.take("acct", limits, kGating).granted);
  BOOST_TEST(!store.take("acct", limits, kGating).granted);
}

BOOST_AUTO_TEST_CASE(a_bucket_counts_only_the_requests_of_its_scope) {
  Limits limits;
  limits.buckets.push_back(BucketLimit{"notes", 1, 60'000, BucketScope::note_creates});
  TakeRequest note = of(Priority::comment, true);
  note.note_create = true;
  BOOST_TEST(store.take("acct", limits, of(Priority::comment, true)).granted);
  BOOST_TEST(store.take("acct", limits, note).granted);
  BOOST_TEST(!store.take("acct", limits, note).granted);
  BOOST_TEST(store.take("acct", limits, of(Priority::comment, true)).granted);
}

BOOST_AUTO_TEST_CASE(a_pause_blocks_every_take_and_is_never_shortened) {
  const Limits limits = one_log(100, 60'000);
  store.pause("acct", store.now_ms() + 5000);
  store.pause("acct", store.now_ms() + 1000);
  const Ticket paused = store.take("acct", limits, kGating);
  BOOST_TEST(!paused.granted);
  BOOST_TEST(paused.blocked_by == "pause");
  BOOST_TEST(paused.wait_ms == 5000);
  BOOST_TEST(store.take("other", limits, kGating).granted);
  advance(4999);
  BOOST_TEST(!store.take("acct", limits, kGating).granted);
  advance(1);
  BOOST_TEST(store.take("acct", limits, kGating).granted);
}

BOOST_AUTO_TEST_CASE(external_requests_count_from_their_own_time) {
  const Limits limits = one_log(5, 10'000);
  store.add_external("acct", "all", 3, store.now_ms() - 4000);
  BOOST_TEST(store.usage("acct", limits).logs[0].by_priority[kExternalPriority] == 3);
  BOOST_TEST(store.take("acct", limits, kGating).granted);
  BOOST_TEST(store.take("acct", limits, kGating).granted);
  const Ticket full = store.take("acct", limits, kGating);
  BOOST_TEST(!full.granted);
  BOOST_TEST(full.wait_ms >= 6000);  // the external entries leave first, 6 s from now
  BOOST_TEST(full.wait_ms <= 6001);
  advance(6000);
  for (int i = 0; i < 3; ++i) BOOST_TEST(store.take("acct", limits, kGating).granted);
  BOOST_TEST(!store.take("acct", limits, kGating).granted);
}

BOOST_AUTO_TEST_CASE(a_writes_only_log_counts_only_writes) {
  Limits limits = one_log(100, 60'000);
  limits.logs.push_back(rolling_log("write-minute", 1, 60'000));
  limits.logs.back().writes_only = true;
  BOOST_TEST(store.take("acct", limits, kGating).granted);
  BOOST_TEST(store.take("acct", limits, of(Priority::gating, true)).granted);
  const Ticket second_write = store.take("acct", limits, of(Priority::gating, true));
  BOOST_TEST(!second_write.granted);
  BOOST_TEST(second_write.blocked_by == "write-minute");
  BOOST_TEST(store.take("acct", limits, kGating).granted);
  const Usage usage = store.usage("acct", limits);
  BOOST_TEST(usage.logs[0].used == 3);
  BOOST_TEST(usage.logs[1].used == 1);
}

BOOST_AUTO_TEST_CASE(usage_reports_use_by_priority_buckets_pause_and_live_clients) {
  Limits limits = one_log(10, 10'000);
  limits.buckets.push_back(BucketLimit{"node", 5, 1'000'000, BucketScope::all});
  const std::int64_t start = store.now_ms();
  BOOST_TEST(store.take("acct", limits, kGating).granted);
  store.add_external("acct", "all", 1, start);
  advance(100);
  BOOST_TEST(store.take("acct", limits, of(Priority::comment)).granted);
  advance(100);
  BOOST_TEST(store.take("acct", limits, of(Priority::bulk)).granted);
  store.pause("acct", start + 3200);
  store.heartbeat("acct", "client-1", 1000);
  store.heartbeat("acct", "client-2", 1000);
  store.heartbeat("other", "client-3", 1000);

  const Usage usage = store.usage("acct", limits);
  BOOST_TEST(usage.now_ms == start + 200);
  BOOST_TEST(usage.logs.size() == 1u);
  BOOST_TEST(usage.logs[0].name == "all");
  BOOST_TEST(usage.logs[0].limit == 10);
  BOOST_TEST(usage.logs[0].window_ms == 10'000);
  BOOST_TEST(usage.logs[0].used == 4);
  const std::vector<std::int64_t> by_priority(std::begin(usage.logs[0].by_priority),
                                              std::end(usage.logs[0].by_priority));
  BOOST_TEST(by_priority == (std::vector<std::int64_t>{1, 1, 1, 0, 1}),
             boost::test_tools::per_element());
  BOOST_TEST(usage.logs[0].oldest_ms == start);
  BOOST_TEST(usage.buckets.size() == 1u);
  BOOST_TEST(usage.buckets[0].tokens == 2.0002, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(usage.paused_until_ms == start + 3200);
  BOOST_TEST(usage.live_clients == 2);
}

BOOST_AUTO_TEST_CASE(identities_are_those_with_entries_pauses_or_live_heartbeats) {
  BOOST_TEST(store.identities().empty());
  BOOST_TEST(store.take("alpha", one_log(10, 60'000), kGating).granted);
  store.pause("bravo", store.now_ms() + 5000);
  store.pause("delta", store.now_ms() + 500);
  store.heartbeat("charlie", "client-1", 1000);
  BOOST_TEST(store.identities() == (std::vector<std::string>{"alpha", "bravo", "charlie", "delta"}),
             boost::test_tools::per_element());
  advance(1000);
  BOOST_TEST(store.identities() == (std::vector<std::string>{"alpha", "bravo"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(heartbeats_expire_after_their_ttl_unless_renewed) {
  const Limits limits = one_log(10, 60'000);
  store.heartbeat("acct", "client-1", 1000);
  store.heartbeat("acct", "client-2", 1000);
  BOOST_TEST(store.usage("acct", limits).live_clients == 2);
  advance(500);
  store.heartbeat("acct", "client-1", 1000);
  advance(500);
  BOOST_TEST(store.usage("acct", limits).live_clients == 1);
  advance(1000);
  BOOST_TEST(store.usage("acct", limits).live_clients == 0);
}

BOOST_AUTO_TEST_CASE(identities_have_separate_logs) {
  const Limits limits = one_log(1, 60'000);
  BOOST_TEST(store.take("alpha", limits, kGating).granted);
  BOOST_TEST(store.take("bravo", limits, kGating).granted);
  BOOST_TEST(!store.take("alpha", limits, kGating).granted);
}

BOOST_AUTO_TEST_CASE(two_stores_on_one_file_share_one_log_and_its_buckets) {
  SqliteBudgetStore second(dir.file("budget.db"), "", kBusyTimeoutMs, clock);
  Limits limits = one_log(2, 60'000);
  BOOST_TEST(store.take("acct", limits, kGating).granted);
  BOOST_TEST(second.take("acct", limits, kGating).granted);
  BOOST_TEST(!store.take("acct", limits, kGating).granted);
  BOOST_TEST(!second.take("acct", limits, kGating).granted);

  limits = Limits{};
  limits.buckets.push_back(BucketLimit{"node", 1, 60'000, BucketScope::all});
  BOOST_TEST(second.take("acct", limits, kGating).granted);
  BOOST_TEST(store.take("acct", limits, kGating).blocked_by == "node");
}

BOOST_AUTO_TEST_CASE(the_log_survives_closing_the_file) {
  const Limits limits = one_log(10, 60'000);
  const std::string path = dir.file("closed.db");
  const std::int64_t until = store.now_ms() + 1000;
  {
    SqliteBudgetStore first(path, "", kBusyTimeoutMs, clock);
    BOOST_TEST(first.take("acct", limits, kGating).granted);
    first.pause("acct", until);
  }
  SqliteBudgetStore reopened(path, "", kBusyTimeoutMs, clock);
  const Usage usage = reopened.usage("acct", limits);
  BOOST_TEST(usage.logs[0].used == 1);
  BOOST_TEST(usage.paused_until_ms == until);
}

BOOST_AUTO_TEST_CASE(describe_names_the_file) {
  BOOST_TEST(store.describe() == "sqlite " + dir.file("budget.db"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
