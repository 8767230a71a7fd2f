#include "core/coalescer.h"

#include <boost/test/unit_test.hpp>

#include "test_slots.h"

namespace cib {
namespace {

const BatchingRules kRules{Duration(2000), Duration(200), Duration(10000)};

Slot pending_slot(bool gating, TimePoint at) {
  Slot slot;
  note_update(slot, gating, at);
  slot.pending = true;
  return slot;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(coalescer)

BOOST_AUTO_TEST_CASE(first_status_of_a_key_is_gating) {
  Slot slot;
  BOOST_TEST(is_gating_update(slot, StatusContent{BuildState::inprogress, "", "", "", ""}));
  slot.ever_delivered = true;
  BOOST_TEST(!is_gating_update(slot, StatusContent{BuildState::inprogress, "", "", "", ""}));
}

BOOST_AUTO_TEST_CASE(terminal_state_is_gating_comments_are_not) {
  Slot slot;
  slot.ever_delivered = true;
  BOOST_TEST(is_gating_update(slot, StatusContent{BuildState::failed, "", "", "", ""}));
  BOOST_TEST(!is_gating_update(slot, CommentContent{"hi"}));
  BOOST_TEST(!is_gating_update(slot, ReportContent{}));
}

BOOST_AUTO_TEST_CASE(terminal_state_is_due_after_the_terminal_linger) {
  const TimePoint t0{};
  const Slot slot = pending_slot(true, t0);
  BOOST_TEST((due_at(slot, kRules) == t0 + Duration(200)));
}

BOOST_AUTO_TEST_CASE(non_gating_update_waits_the_linger) {
  const TimePoint t0{};
  const Slot slot = pending_slot(false, t0);
  BOOST_TEST((due_at(slot, kRules) == t0 + Duration(2000)));
}

BOOST_AUTO_TEST_CASE(each_newer_update_restarts_the_wait) {
  const TimePoint t0{};
  Slot slot = pending_slot(false, t0);
  note_update(slot, false, t0 + Duration(1500));
  BOOST_TEST((due_at(slot, kRules) == t0 + Duration(3500)));
}

BOOST_AUTO_TEST_CASE(max_delay_bounds_a_flapping_slot) {
  const TimePoint t0{};
  Slot slot = pending_slot(false, t0);
  for (int ms = 1000; ms <= 9500; ms += 500) note_update(slot, false, t0 + Duration(ms));
  BOOST_TEST((due_at(slot, kRules) == t0 + Duration(10000)));
}

BOOST_AUTO_TEST_CASE(flush_makes_a_slot_due_at_once) {
  const TimePoint t0{};
  Slot slot = pending_slot(false, t0);
  slot.flush_requested = true;
  BOOST_TEST((due_at(slot, kRules) <= t0));
}

BOOST_AUTO_TEST_CASE(backoff_delays_even_a_flushed_slot) {
  const TimePoint t0{};
  Slot slot = pending_slot(true, t0);
  slot.flush_requested = true;
  slot.not_before = t0 + Duration(700);
  BOOST_TEST((due_at(slot, kRules) == t0 + Duration(700)));
}

BOOST_AUTO_TEST_CASE(a_budget_wait_below_gating_does_not_hold_gating_content) {
  const TimePoint t0{};
  Slot slot = pending_slot(false, t0);
  slot.not_before = t0 + Duration(90000);  // the window frees room for progress edits then
  slot.budget_wait = true;
  note_update(slot, true, t0 + Duration(1000));  // a terminal state arrives
  BOOST_TEST((due_at(slot, kRules) == t0 + Duration(1000) + kRules.terminal_linger));
  BOOST_TEST(!slot.budget_wait);
}

BOOST_AUTO_TEST_CASE(a_budget_wait_keeps_holding_content_that_is_not_gating) {
  const TimePoint t0{};
  Slot slot = pending_slot(false, t0);
  slot.not_before = t0 + Duration(90000);
  slot.budget_wait = true;
  note_update(slot, false, t0 + Duration(1000));
  BOOST_TEST((due_at(slot, kRules) == t0 + Duration(90000)));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
