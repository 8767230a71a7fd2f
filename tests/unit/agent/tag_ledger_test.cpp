// What the agent remembers of each tag's delivery reports: the newest outcome per slot (never
// hidden by a SUPERSEDED one), tags apart, and old tags forgotten whole past the bound.
#include "tag_ledger.h"

#include <boost/test/unit_test.hpp>

#include "cibatch.h"

namespace cib::cli {
namespace {

agent::DeliveryRecord report(std::uint64_t tag, const std::string& key, std::int32_t outcome,
                             std::int32_t kind = CIB_SLOT_STATUS) {
  return {tag, kind, "acme/web", "3f2c8a1e", 0, key, outcome, 0, ""};
}

using Outcomes = std::vector<std::int32_t>;

Outcomes outcomes(const TagLedger& ledger, std::uint64_t tag) {
  Outcomes out;
  for (const agent::DeliveryRecord& r : ledger.reports(tag)) out.push_back(r.outcome);
  return out;
}

// What the ledger keeps of one slot that had these outcomes, in this order.
Outcomes kept_of(std::initializer_list<std::int32_t> in_order) {
  TagLedger ledger;
  for (const std::int32_t outcome : in_order) ledger.record(report(1, "build", outcome));
  return outcomes(ledger, 1);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tag_ledger)

BOOST_AUTO_TEST_CASE(each_tag_keeps_its_own_reports_one_per_slot) {
  TagLedger ledger;
  ledger.record(report(1, "build", CIB_OUTCOME_DELIVERED));
  ledger.record(report(1, "lint", CIB_OUTCOME_FAILED));
  ledger.record(report(2, "build", CIB_OUTCOME_UNCHANGED));
  // The same key as a comment is another slot.
  ledger.record(report(1, "build", CIB_OUTCOME_DELIVERED, CIB_SLOT_COMMENT));
  BOOST_TEST(ledger.size() == 4u);
  BOOST_TEST(ledger.reports(1).size() == 3u);
  BOOST_TEST(outcomes(ledger, 2) == Outcomes{CIB_OUTCOME_UNCHANGED});
  BOOST_TEST(ledger.reports(3).empty());
}

BOOST_AUTO_TEST_CASE(a_newer_outcome_replaces_the_slots_last_one) {
  BOOST_TEST(kept_of({CIB_OUTCOME_FAILED, CIB_OUTCOME_DELIVERED}) ==
             Outcomes{CIB_OUTCOME_DELIVERED});
  BOOST_TEST(kept_of({CIB_OUTCOME_DELIVERED, CIB_OUTCOME_UNCHANGED, CIB_OUTCOME_FAILED}) ==
             Outcomes{CIB_OUTCOME_FAILED});
}

BOOST_AUTO_TEST_CASE(a_superseded_report_never_hides_how_the_slot_ended) {
  BOOST_TEST(kept_of({CIB_OUTCOME_FAILED, CIB_OUTCOME_SUPERSEDED}) == Outcomes{CIB_OUTCOME_FAILED});
  BOOST_TEST(kept_of({CIB_OUTCOME_DELIVERED, CIB_OUTCOME_SUPERSEDED, CIB_OUTCOME_SUPERSEDED}) ==
             Outcomes{CIB_OUTCOME_DELIVERED});
  // Alone, it is all the ledger knows of the slot.
  BOOST_TEST(kept_of({CIB_OUTCOME_SUPERSEDED}) == Outcomes{CIB_OUTCOME_SUPERSEDED});
}

BOOST_AUTO_TEST_CASE(past_the_bound_the_least_recently_touched_tag_goes_whole) {
  TagLedger ledger(4);
  ledger.record(report(1, "a", CIB_OUTCOME_DELIVERED));
  ledger.record(report(1, "b", CIB_OUTCOME_DELIVERED));
  ledger.record(report(2, "a", CIB_OUTCOME_DELIVERED));
  ledger.record(report(3, "a", CIB_OUTCOME_DELIVERED));
  ledger.record(report(1, "a", CIB_OUTCOME_FAILED));  // tag 1 touched again: tag 2 is oldest
  BOOST_TEST(ledger.size() == 4u);
  ledger.record(report(4, "a", CIB_OUTCOME_DELIVERED));
  BOOST_TEST(ledger.reports(2).empty());
  BOOST_TEST(ledger.reports(1).size() == 2u);
  BOOST_TEST(ledger.size() == 4u);
  ledger.record(report(4, "b", CIB_OUTCOME_DELIVERED));  // tag 3 goes, then tag 1 stays
  BOOST_TEST(ledger.reports(3).empty());
  BOOST_TEST(ledger.reports(1).size() == 2u);
  BOOST_TEST(ledger.size() == 4u);
}

BOOST_AUTO_TEST_CASE(the_tag_being_recorded_is_kept_even_beyond_the_bound) {
  TagLedger ledger(2);
  ledger.record(report(1, "a", CIB_OUTCOME_DELIVERED));
  for (const char* key : {"a", "b", "c"}) ledger.record(report(9, key, CIB_OUTCOME_DELIVERED));
  BOOST_TEST(ledger.reports(1).empty());
  BOOST_TEST(ledger.reports(9).size() == 3u);
  BOOST_TEST(ledger.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::cli
