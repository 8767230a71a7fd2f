#include "core/slot_table.h"

#include <boost/test/unit_test.hpp>

#include "test_slots.h"

namespace cib {
namespace {

struct Fixture {
  ManualClock clock;
  Stats stats;
  SlotTable table{BatchingRules{Duration(2000), Duration(200), Duration(10000)}, 60, 3, clock,
                  stats};
  std::vector<DeliveryReport> reports;
  std::uint64_t counter = 0;

  AcceptResult post(Update u) {
    ++counter;
    return table.accept(std::move(u), counter, OrderKey{0, 0, 0, counter}, reports);
  }

  // Delivers whatever is due now, as the dispatcher would on success.
  int deliver_due() {
    int sent = 0;
    while (Slot* slot = table.next_due(clock.now())) {
      table.record_delivered(*slot, slot->desired);
      table.settle(*slot, slot->seq, Outcome::delivered, 201, "", reports);
      ++sent;
    }
    return sent;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(slot_table, Fixture)

BOOST_AUTO_TEST_CASE(a_post_equal_to_a_resumed_slot_gets_the_delivery_report) {
  const Update update = test::status_update(BuildState::successful);
  table.resume(update.id, update.content, OrderKey{}, true);
  BOOST_TEST((post(update) == AcceptResult::queued));
  clock.advance(Duration(300));
  BOOST_TEST(deliver_due() == 1);
  BOOST_REQUIRE(reports.size() == 1u);
  BOOST_TEST(static_cast<int>(reports[0].outcome) == static_cast<int>(Outcome::delivered));
  BOOST_TEST(table.pending_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_resumed_slot_is_due_and_settles_without_reports) {
  const Update update = test::status_update(BuildState::failed);
  table.resume(update.id, update.content, OrderKey{}, true);
  BOOST_TEST(table.pending_count() == 1u);
  BOOST_TEST(table.gating_pending() == 1u);
  clock.advance(Duration(300));
  BOOST_TEST(deliver_due() == 1);
  BOOST_TEST(reports.empty());
  BOOST_TEST(table.pending_count() == 0u);
}

BOOST_AUTO_TEST_CASE(quick_inprogress_then_success_sends_success_alone) {
  post(test::status_update(BuildState::inprogress));
  clock.advance(Duration(50));
  post(test::status_update(BuildState::successful));
  clock.advance(Duration(150));
  BOOST_TEST(deliver_due() == 0);
  clock.advance(Duration(50));
  BOOST_TEST(deliver_due() == 1);
  BOOST_REQUIRE(reports.size() == 2u);
  BOOST_TEST(static_cast<int>(reports[0].outcome) == static_cast<int>(Outcome::superseded));
  BOOST_TEST(static_cast<int>(reports[1].outcome) == static_cast<int>(Outcome::delivered));
  BOOST_TEST(stats.coalesced == 1u);
}

BOOST_AUTO_TEST_CASE(long_stage_shows_inprogress_first) {
  post(test::status_update(BuildState::inprogress));
  clock.advance(Duration(250));
  BOOST_TEST(deliver_due() == 1);
  clock.advance(Duration(4000));
  post(test::status_update(BuildState::successful));
  clock.advance(Duration(250));
  BOOST_TEST(deliver_due() == 1);
}

BOOST_AUTO_TEST_CASE(delivered_content_within_trust_costs_nothing) {
  post(test::comment_update("81%"));
  clock.advance(Duration(2001));
  BOOST_TEST(deliver_due() == 1);
  BOOST_TEST((post(test::comment_update("81%")) == AcceptResult::unchanged));
  BOOST_TEST(stats.deduplicated == 1u);
  BOOST_TEST(static_cast<int>(reports.back().outcome) == static_cast<int>(Outcome::unchanged));
}

BOOST_AUTO_TEST_CASE(delivered_content_is_resent_after_the_trust_period) {
  post(test::comment_update("81%"));
  clock.advance(Duration(2001));
  deliver_due();
  clock.advance(Duration(61000));
  BOOST_TEST((post(test::comment_update("81%")) == AcceptResult::queued));
}

BOOST_AUTO_TEST_CASE(force_sends_even_unchanged_content) {
  post(test::comment_update("81%"));
  clock.advance(Duration(2001));
  deliver_due();
  Update forced = test::comment_update("81%");
  forced.force = true;
  BOOST_TEST((post(forced) == AcceptResult::queued));
}

BOOST_AUTO_TEST_CASE(a_b_a_while_pending_is_caught_at_dispatch) {
  post(test::comment_update("A"));
  clock.advance(Duration(2001));
  deliver_due();
  post(test::comment_update("B"));
  post(test::comment_update("A"));
  clock.advance(Duration(2001));
  Slot* slot = table.next_due(clock.now());
  BOOST_REQUIRE(slot != nullptr);
  BOOST_TEST(table.is_unchanged(*slot, slot->desired));
}

BOOST_AUTO_TEST_CASE(new_slots_past_max_pending_are_refused_and_nothing_is_dropped) {
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST((post(test::status_update(BuildState::inprogress, "k" + std::to_string(i))) ==
                AcceptResult::queued));
  }
  BOOST_TEST((post(test::status_update(BuildState::inprogress, "k9")) == AcceptResult::queue_full));
  // An update to a slot already pending is still taken.
  BOOST_TEST((post(test::status_update(BuildState::successful, "k1")) == AcceptResult::queued));
  BOOST_TEST(table.pending_count() == 3u);
}

BOOST_AUTO_TEST_CASE(gating_slots_are_picked_before_older_non_gating_ones) {
  post(test::comment_update("text"));
  clock.advance(Duration(2500));
  post(test::status_update(BuildState::failed));
  clock.advance(Duration(300));
  Slot* first = table.next_due(clock.now());
  BOOST_REQUIRE(first != nullptr);
  BOOST_TEST((first->id.kind == SlotKind::status));
}

BOOST_AUTO_TEST_CASE(flush_of_one_tag_leaves_other_tags_waiting) {
  post(test::comment_update("one", "a", 7));
  post(test::comment_update("two", "b", 8));
  table.begin_flush(7);
  BOOST_TEST(deliver_due() == 1);
  BOOST_TEST(table.unsettled(7) == 0u);
  BOOST_TEST(table.unsettled(8) == 1u);
  table.end_flush(7);
}

BOOST_AUTO_TEST_CASE(newer_content_during_a_delivery_stays_pending) {
  post(test::comment_update("old"));
  clock.advance(Duration(2001));
  Slot* slot = table.next_due(clock.now());
  BOOST_REQUIRE(slot != nullptr);
  const std::uint64_t sending = slot->seq;
  const Content snapshot = slot->desired;
  post(test::comment_update("new"));  // arrives while "old" is on the wire
  table.record_delivered(*slot, snapshot);
  table.settle(*slot, sending, Outcome::delivered, 201, "", reports);
  BOOST_TEST(slot->pending);
  BOOST_TEST(std::get<CommentContent>(slot->desired).body == "new");
  BOOST_TEST(reports.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib

namespace cib {

BOOST_FIXTURE_TEST_SUITE(slot_table_expiry, Fixture)

BOOST_AUTO_TEST_CASE(delivered_records_past_their_trust_are_forgotten) {
  post(test::status_update(BuildState::successful));
  post(test::comment_update("81%"));
  clock.advance(Duration(2001));
  BOOST_TEST(deliver_due() == 2);
  clock.advance(Duration(30000));
  BOOST_TEST(table.expire_delivered() == 0u);  // still trusted (60 s)
  clock.advance(Duration(31000));
  BOOST_TEST(table.expire_delivered() == 1u);  // the status slot goes
  BOOST_TEST(table.slot_count() == 1u);        // the comment keeps its remote state
  // Its content is forgotten, so the same text is sent again rather than trusted.
  BOOST_TEST((post(test::comment_update("81%")) == AcceptResult::queued));
}

BOOST_AUTO_TEST_CASE(pending_slots_never_expire) {
  post(test::status_update(BuildState::successful));
  clock.advance(Duration(250));
  deliver_due();
  post(test::status_update(BuildState::failed));
  clock.advance(Duration(120000));
  BOOST_TEST(table.expire_delivered() == 0u);
  BOOST_TEST(table.pending_count() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib

namespace cib {

BOOST_FIXTURE_TEST_SUITE(slot_table_flush, Fixture)

BOOST_AUTO_TEST_CASE(a_flush_that_stops_waiting_still_sends_what_it_found) {
  post(test::comment_update("one", "a", 7));
  table.begin_flush(7);
  table.end_flush(7);  // a zero timeout: the caller did not wait
  BOOST_TEST(deliver_due() == 1);
}

BOOST_AUTO_TEST_CASE(posts_after_a_finished_flush_wait_their_linger) {
  post(test::comment_update("one", "a", 7));
  table.begin_flush(7);
  BOOST_TEST(deliver_due() == 1);
  table.end_flush(7);
  post(test::comment_update("two", "a", 7));
  BOOST_TEST(deliver_due() == 0);
  clock.advance(Duration(2001));
  BOOST_TEST(deliver_due() == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
