#include "core/summary_comments.h"

#include <boost/test/unit_test.hpp>

namespace cib {

BOOST_AUTO_TEST_SUITE(summary_comments)

BOOST_AUTO_TEST_CASE(keyed_comments_of_one_pr_merge_into_one_slot) {
  SummaryComments summaries;
  const SlotId coverage{SlotKind::comment, "acme/web", "", 42, "coverage"};
  SlotId lint = coverage;
  lint.key = "lint";
  summaries.merge(coverage, "81%");
  const auto merged = summaries.merge(lint, "3 warnings");
  BOOST_TEST(merged.first.key == SummaryComments::kSlotKey);
  BOOST_TEST(merged.second.body.find("#### coverage\n\n81%") != std::string::npos);
  BOOST_TEST(merged.second.body.find("#### lint\n\n3 warnings") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_newer_body_replaces_its_section) {
  SummaryComments summaries;
  const SlotId coverage{SlotKind::comment, "acme/web", "", 42, "coverage"};
  summaries.merge(coverage, "81%");
  const auto merged = summaries.merge(coverage, "82%");
  BOOST_TEST(merged.second.body == "#### coverage\n\n82%");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
