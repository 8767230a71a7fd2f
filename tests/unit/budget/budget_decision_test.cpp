#include "budget/budget_decision.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace cib {
namespace {

constexpr int kGating = static_cast<int>(Priority::gating);
constexpr int kComment = static_cast<int>(Priority::comment);
constexpr int kBulk = static_cast<int>(Priority::bulk);
constexpr int kProgress = static_cast<int>(Priority::progress);

constexpr std::int64_t kWindowMs = 1000;
constexpr std::int64_t kMarginMs = 100;
constexpr std::int64_t kNow = 100'000;

// One log "all" of kWindowMs whose caps are gating, comment, bulk, progress.
Limits one_log(std::int64_t gating, std::int64_t comment, std::int64_t bulk, std::int64_t progress,
               std::int64_t bulk_cap = -1) {
  LogLimit log;
  log.name = "all";
  log.window_ms = kWindowMs;
  log.limit = gating;
  log.cap[kGating] = gating;
  log.cap[kComment] = comment;
  log.cap[kBulk] = bulk;
  log.cap[kProgress] = progress;
  log.bulk_cap = bulk_cap;
  Limits limits;
  limits.logs.push_back(log);
  limits.margin_ms = kMarginMs;
  return limits;
}

Limits flat_log(std::int64_t cap) {
  return one_log(cap, cap, cap, cap);
}

Limits one_bucket(std::int64_t capacity, std::int64_t refill_ms, BucketScope scope) {
  Limits limits;
  limits.buckets.push_back(BucketLimit{"node", capacity, refill_ms, scope});
  limits.margin_ms = kMarginMs;
  return limits;
}

TakeRequest take(Priority priority, bool write = false, bool note_create = false) {
  TakeRequest request;
  request.priority = priority;
  request.write = write;
  request.note_create = note_create;
  return request;
}

LogView entries_at(const std::vector<std::int64_t>& times, int priority = kGating) {
  LogView view;
  for (std::int64_t t : times) view.entries.push_back(LogEntry{t, priority});
  return view;
}

void append(LogView& view, std::int64_t t, int priority) {
  view.entries.push_back({t, priority});
}

Ticket decide_logs(const Limits& limits, const TakeRequest& request, std::int64_t now,
                   const std::vector<LogView>& logs) {
  std::vector<BucketLevel> no_buckets;
  return decide(limits, request, now, logs, no_buckets, 0);
}

BOOST_AUTO_TEST_SUITE(budget_decision_log)

BOOST_AUTO_TEST_CASE(sliding_log_grants_up_to_the_cap_and_refuses_the_next) {
  const Limits limits = flat_log(3);
  LogView view;
  std::int64_t now = kNow;
  for (int i = 0; i < 3; ++i, now += 10) {
    const Ticket ticket = decide_logs(limits, take(Priority::gating), now, {view});
    BOOST_TEST_REQUIRE(ticket.granted);
    BOOST_TEST(ticket.wait_ms == 0);
    append(view, now, kGating);
  }
  const Ticket refused = decide_logs(limits, take(Priority::gating), now, {view});
  BOOST_TEST(!refused.granted);
  BOOST_TEST(refused.blocked_by == "all");
  // The oldest entry (kNow) leaves at kNow + window + margin + 1.
  BOOST_TEST(refused.wait_ms == kNow + kWindowMs + kMarginMs + 1 - now);
  BOOST_TEST(decide_logs(limits, take(Priority::gating), now + refused.wait_ms, {view}).granted);
}

BOOST_AUTO_TEST_CASE(wait_runs_until_the_oldest_blocking_entry_ages_out) {
  // Five entries against a progress cap of 3: the third oldest must leave before room opens.
  const Limits limits = one_log(5, 5, 5, 3);
  const LogView view = entries_at({kNow - 500, kNow - 400, kNow - 300, kNow - 200, kNow - 100});
  const Ticket ticket = decide_logs(limits, take(Priority::progress), kNow, {view});
  BOOST_TEST(!ticket.granted);
  BOOST_TEST(ticket.wait_ms == (kNow - 300) + kWindowMs + kMarginMs + 1 - kNow);
  BOOST_TEST(
      !decide_logs(limits, take(Priority::progress), kNow + ticket.wait_ms - 200, {view}).granted);
  BOOST_TEST(decide_logs(limits, take(Priority::progress), kNow + ticket.wait_ms, {view}).granted);
}

BOOST_AUTO_TEST_CASE(entries_are_used_oldest_first_whatever_their_order_in_the_view) {
  const Limits limits = flat_log(2);
  const LogView view = entries_at({kNow - 100, kNow - 700, kNow - 400});
  const Ticket ticket = decide_logs(limits, take(Priority::gating), kNow, {view});
  BOOST_TEST(!ticket.granted);
  BOOST_TEST(ticket.wait_ms == (kNow - 400) + kWindowMs + kMarginMs + 1 - kNow);
}

BOOST_AUTO_TEST_CASE(entry_just_inside_the_window_and_margin_still_counts) {
  const std::int64_t edge = kNow - kWindowMs - kMarginMs;
  const Ticket ticket =
      decide_logs(flat_log(1), take(Priority::gating), kNow, {entries_at({edge + 1})});
  BOOST_TEST(!ticket.granted);
  BOOST_TEST(ticket.wait_ms == 2);
}

BOOST_AUTO_TEST_CASE(entry_just_outside_the_window_and_margin_no_longer_counts) {
  const std::int64_t edge = kNow - kWindowMs - kMarginMs;
  BOOST_TEST(decide_logs(flat_log(1), take(Priority::gating), kNow, {entries_at({edge})}).granted);
}

BOOST_AUTO_TEST_CASE(progress_is_refused_at_a_fill_where_gating_is_granted) {
  const Limits limits = one_log(10, 9, 9, 8);
  std::vector<std::int64_t> times;
  for (int i = 0; i < 8; ++i) times.push_back(kNow - 50 + i);
  LogView view = entries_at(times);
  BOOST_TEST(!decide_logs(limits, take(Priority::progress), kNow, {view}).granted);
  BOOST_TEST(decide_logs(limits, take(Priority::bulk), kNow, {view}).granted);
  BOOST_TEST(decide_logs(limits, take(Priority::comment), kNow, {view}).granted);
  BOOST_TEST(decide_logs(limits, take(Priority::gating), kNow, {view}).granted);

  append(view, kNow - 10, kGating);
  BOOST_TEST(!decide_logs(limits, take(Priority::comment), kNow, {view}).granted);
  BOOST_TEST(!decide_logs(limits, take(Priority::bulk), kNow, {view}).granted);
  BOOST_TEST(decide_logs(limits, take(Priority::gating), kNow, {view}).granted);

  append(view, kNow - 5, kGating);
  BOOST_TEST(!decide_logs(limits, take(Priority::gating), kNow, {view}).granted);
}

BOOST_AUTO_TEST_CASE(bulk_cap_counts_bulk_entries_only) {
  const Limits limits = one_log(10, 10, 10, 10, 2);
  LogView view = entries_at({kNow - 900, kNow - 800, kNow - 700}, kGating);
  append(view, kNow - 600, kBulk);
  BOOST_TEST(decide_logs(limits, take(Priority::bulk), kNow, {view}).granted);

  append(view, kNow - 500, kBulk);
  const Ticket ticket = decide_logs(limits, take(Priority::bulk), kNow, {view});
  BOOST_TEST(!ticket.granted);
  BOOST_TEST(ticket.blocked_by == std::string("all") + kBulkShareSuffix);
  // The older bulk entry, not the older gating ones, decides when bulk may go again.
  BOOST_TEST(ticket.wait_ms == (kNow - 600) + kWindowMs + kMarginMs + 1 - kNow);
  // The bulk cap holds bulk back only.
  BOOST_TEST(decide_logs(limits, take(Priority::gating), kNow, {view}).granted);
  BOOST_TEST(decide_logs(limits, take(Priority::progress), kNow, {view}).granted);
}

BOOST_AUTO_TEST_CASE(external_entries_fill_the_log_but_not_the_bulk_share) {
  const Limits limits = one_log(4, 4, 4, 4, 1);
  const LogView external = entries_at({kNow - 300, kNow - 200, kNow - 100}, kExternalPriority);
  BOOST_TEST(decide_logs(limits, take(Priority::bulk), kNow, {external}).granted);

  LogView full = external;
  append(full, kNow - 50, kExternalPriority);
  const Ticket ticket = decide_logs(limits, take(Priority::gating), kNow, {full});
  BOOST_TEST(!ticket.granted);
  BOOST_TEST(ticket.wait_ms == (kNow - 300) + kWindowMs + kMarginMs + 1 - kNow);
}

BOOST_AUTO_TEST_CASE(writes_only_log_holds_back_writes_but_not_reads) {
  Limits limits = flat_log(100);
  LogLimit spacing;
  spacing.name = "write-spacing";
  spacing.window_ms = 1000;
  spacing.limit = 1;
  for (std::int64_t& cap : spacing.cap) cap = 1;
  spacing.writes_only = true;
  limits.logs.push_back(spacing);
  const std::vector<LogView> views = {entries_at({kNow - 10}), entries_at({kNow - 10})};
  BOOST_TEST(decide_logs(limits, take(Priority::gating, false), kNow, views).granted);
  const Ticket write = decide_logs(limits, take(Priority::gating, true), kNow, views);
  BOOST_TEST(!write.granted);
  BOOST_TEST(write.blocked_by == "write-spacing");
}

BOOST_AUTO_TEST_CASE(refusal_names_the_log_that_frees_last) {
  Limits limits = flat_log(1);
  LogLimit hour = limits.logs[0];
  hour.name = "hour";
  hour.window_ms = 10 * kWindowMs;
  limits.logs.push_back(hour);
  const std::vector<LogView> views = {entries_at({kNow - 10}), entries_at({kNow - 10})};
  const Ticket ticket = decide_logs(limits, take(Priority::gating), kNow, views);
  BOOST_TEST(!ticket.granted);
  BOOST_TEST(ticket.blocked_by == "hour");
  BOOST_TEST(ticket.wait_ms == (kNow - 10) + 10 * kWindowMs + kMarginMs + 1 - kNow);
}

BOOST_AUTO_TEST_CASE(zero_cap_refuses_without_reading_past_an_empty_log) {
  const Limits limits = one_log(5, 5, 5, 5, 0);
  const Ticket ticket = decide_logs(limits, take(Priority::bulk), kNow, {LogView{}});
  BOOST_TEST(!ticket.granted);
  BOOST_TEST(ticket.wait_ms == kWindowMs + kMarginMs + 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(budget_decision_bucket)

BOOST_AUTO_TEST_CASE(unused_bucket_is_full_and_a_take_spends_one_token) {
  const Limits limits = one_bucket(3, 200, BucketScope::all);
  std::vector<BucketLevel> levels(1);
  const Ticket ticket = decide(limits, take(Priority::gating), kNow, {}, levels, 0);
  BOOST_TEST(ticket.granted);
  BOOST_TEST(levels[0].tokens == 2.0);
  BOOST_TEST(levels[0].updated_ms == kNow);
}

BOOST_AUTO_TEST_CASE(bucket_refills_fractionally) {
  const Limits limits = one_bucket(3, 200, BucketScope::all);
  std::vector<BucketLevel> levels = {BucketLevel{0.5, kNow - 100}};
  BOOST_TEST(decide(limits, take(Priority::gating), kNow, {}, levels, 0).granted);
  BOOST_TEST(levels[0].tokens == 0.0);
  BOOST_TEST(levels[0].updated_ms == kNow);

  levels = {BucketLevel{0.25, kNow - 50}};
  const Usage usage = measure(limits, kNow, {}, levels, 0);
  BOOST_TEST_REQUIRE(usage.buckets.size() == 1u);
  BOOST_TEST(usage.buckets[0].tokens == 0.5);
}

BOOST_AUTO_TEST_CASE(bucket_never_refills_past_its_capacity) {
  const Limits limits = one_bucket(3, 200, BucketScope::all);
  std::vector<BucketLevel> levels = {BucketLevel{1.0, kNow - 60'000}};
  BOOST_TEST(decide(limits, take(Priority::gating), kNow, {}, levels, 0).granted);
  BOOST_TEST(levels[0].tokens == 2.0);
}

BOOST_AUTO_TEST_CASE(empty_bucket_refuses_until_a_whole_token_is_back) {
  const Limits limits = one_bucket(3, 200, BucketScope::all);
  std::vector<BucketLevel> levels = {BucketLevel{0.0, kNow - 50}};
  const Ticket ticket = decide(limits, take(Priority::gating), kNow, {}, levels, 0);
  BOOST_TEST(!ticket.granted);
  BOOST_TEST(ticket.blocked_by == "node");
  BOOST_TEST(ticket.wait_ms == 150);
  // A refusal leaves the level as it was.
  BOOST_TEST(levels[0].tokens == 0.0);
  BOOST_TEST(levels[0].updated_ms == kNow - 50);
  BOOST_TEST(decide(limits, take(Priority::gating), kNow + 150, {}, levels, 0).granted);
}

BOOST_AUTO_TEST_CASE(wait_for_a_fraction_of_a_token_rounds_up) {
  const Limits limits = one_bucket(3, 3, BucketScope::all);
  std::vector<BucketLevel> levels = {BucketLevel{0.5, kNow}};
  const Ticket ticket = decide(limits, take(Priority::gating), kNow, {}, levels, 0);
  BOOST_TEST(!ticket.granted);
  BOOST_TEST(ticket.wait_ms == 2);  // 1.5 ms of refill, never granted early
  BOOST_TEST(!decide(limits, take(Priority::gating), kNow + 1, {}, levels, 0).granted);
  BOOST_TEST(decide(limits, take(Priority::gating), kNow + 2, {}, levels, 0).granted);
}

BOOST_AUTO_TEST_CASE(notes_bucket_holds_back_note_creation_only) {
  const Limits limits = one_bucket(60, 1000, BucketScope::note_creates);
  std::vector<BucketLevel> levels = {BucketLevel{0.0, kNow}};
  BOOST_TEST(decide(limits, take(Priority::comment, true, false), kNow, {}, levels, 0).granted);
  BOOST_TEST(levels[0].tokens == 0.0);
  const Ticket note = decide(limits, take(Priority::comment, true, true), kNow, {}, levels, 0);
  BOOST_TEST(!note.granted);
  BOOST_TEST(note.wait_ms == 1000);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(budget_decision_pause)

BOOST_AUTO_TEST_CASE(pause_refuses_every_priority_until_it_ends) {
  std::vector<BucketLevel> none;
  const Ticket ticket =
      decide(flat_log(100), take(Priority::gating), kNow, {LogView{}}, none, kNow + 500);
  BOOST_TEST(!ticket.granted);
  BOOST_TEST(ticket.blocked_by == "pause");
  BOOST_TEST(ticket.wait_ms == 500);
  BOOST_TEST(
      decide(flat_log(100), take(Priority::gating), kNow + 500, {LogView{}}, none, kNow + 500)
          .granted);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(budget_decision_measure)

BOOST_AUTO_TEST_CASE(measure_counts_the_window_by_priority) {
  Limits limits = one_log(10, 9, 9, 8);
  limits.logs[0].limit = 12;
  LogView view;
  append(view, kNow - kWindowMs - kMarginMs, kGating);  // aged out
  append(view, kNow - 900, kComment);
  append(view, kNow - 800, kGating);
  append(view, kNow - 700, kBulk);
  append(view, kNow - 600, kBulk);
  append(view, kNow - 500, kProgress);
  append(view, kNow - 400, kExternalPriority);
  const Usage usage = measure(limits, kNow, {view}, {}, 0);
  BOOST_TEST(usage.now_ms == kNow);
  BOOST_TEST(usage.paused_until_ms == 0);
  BOOST_TEST_REQUIRE(usage.logs.size() == 1u);
  const LogUsage& all = usage.logs[0];
  BOOST_TEST(all.name == "all");
  BOOST_TEST(all.window_ms == kWindowMs);
  BOOST_TEST(all.limit == 12);
  BOOST_TEST(all.used == 6);
  BOOST_TEST(all.by_priority[kGating] == 1);
  BOOST_TEST(all.by_priority[kComment] == 1);
  BOOST_TEST(all.by_priority[kBulk] == 2);
  BOOST_TEST(all.by_priority[kProgress] == 1);
  BOOST_TEST(all.by_priority[kExternalPriority] == 1);
  BOOST_TEST(all.oldest_ms == kNow - 900);
}

BOOST_AUTO_TEST_CASE(measure_of_an_empty_log_and_unused_bucket) {
  Limits limits = flat_log(5);
  limits.buckets.push_back(BucketLimit{"node", 60, 200, BucketScope::all});
  const Usage usage = measure(limits, kNow, {LogView{}}, {BucketLevel{}}, kNow + 250);
  BOOST_TEST(usage.logs[0].used == 0);
  BOOST_TEST(usage.logs[0].oldest_ms == 0);
  BOOST_TEST_REQUIRE(usage.buckets.size() == 1u);
  BOOST_TEST(usage.buckets[0].name == "node");
  BOOST_TEST(usage.buckets[0].capacity == 60);
  BOOST_TEST(usage.buckets[0].tokens == 60.0);
  BOOST_TEST(usage.paused_until_ms == kNow + 250);
  BOOST_TEST(measure(limits, kNow, {LogView{}}, {BucketLevel{}}, kNow).paused_until_ms == 0);
}

BOOST_AUTO_TEST_CASE(horizon_is_the_longest_window_and_margin_back) {
  Limits limits = flat_log(5);
  LogLimit hour = limits.logs[0];
  hour.window_ms = 3'600'000;
  limits.logs.push_back(hour);
  BOOST_TEST(horizon_ms(limits, kNow + 3'600'000) == kNow - kMarginMs);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(budget_decision_blocker)

// The dispatcher holds every lower priority after a refusal by the rolling window or a pause,
// and only the refused request's kind after any other.
BOOST_AUTO_TEST_CASE(only_the_rolling_window_and_a_pause_hold_lower_priorities) {
  std::vector<BucketLevel> none;
  const Ticket paused =
      decide(flat_log(100), take(Priority::gating), kNow, {LogView{}}, none, kNow + 500);
  BOOST_TEST((paused.blocker == Blocker::pause));

  const Ticket full = decide_logs(flat_log(1), take(Priority::gating), kNow, {entries_at({kNow})});
  BOOST_TEST((full.blocker == Blocker::rolling_window));

  const Limits bulk = one_log(10, 10, 10, 10, 1);
  const Ticket share = decide_logs(bulk, take(Priority::bulk), kNow, {entries_at({kNow}, kBulk)});
  BOOST_TEST((share.blocker == Blocker::bulk_share));

  Limits writes = flat_log(1);
  writes.logs[0].writes_only = true;
  const Ticket write =
      decide_logs(writes, take(Priority::gating, true), kNow, {entries_at({kNow})});
  BOOST_TEST((write.blocker == Blocker::write_log));

  std::vector<BucketLevel> empty{BucketLevel{0, kNow}};
  const Ticket bucket =
      decide(one_bucket(1, 1000, BucketScope::all), take(Priority::gating), kNow, {}, empty, 0);
  BOOST_TEST((bucket.blocker == Blocker::bucket));

  BOOST_TEST(holds_lower_priorities(paused.blocker));
  BOOST_TEST(holds_lower_priorities(full.blocker));
  BOOST_TEST(!holds_lower_priorities(share.blocker));
  BOOST_TEST(!holds_lower_priorities(bucket.blocker));
  BOOST_TEST(!holds_lower_priorities(write.blocker));
  BOOST_TEST(!holds_lower_priorities(Blocker::none));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
