#include "model/content.h"

#include <boost/test/unit_test.hpp>

namespace cib {

BOOST_AUTO_TEST_SUITE(content_names)

BOOST_AUTO_TEST_CASE(enums_have_the_trace_languages_names) {
  BOOST_TEST(std::string(to_string(SlotKind::comment)) == "comment");
  BOOST_TEST(std::string(to_string(BuildState::inprogress)) == "INPROGRESS");
  BOOST_TEST(std::string(to_string(BuildState::stopped)) == "STOPPED");
  BOOST_TEST(std::string(to_string(ReportResult::pending)) == "PENDING");
  BOOST_TEST(std::string(to_string(Severity::critical)) == "CRITICAL");
  BOOST_TEST(std::string(to_string(FindingType::code_smell)) == "CODE_SMELL");
  BOOST_TEST(std::string(to_string(DataType::percentage)) == "PERCENTAGE");
}

BOOST_AUTO_TEST_CASE(slot_ids_order_by_kind_repo_commit_pr_and_key) {
  SlotId a;
  a.kind = SlotKind::status;
  a.repo = "z/z";
  SlotId b;
  b.kind = SlotKind::comment;
  b.repo = "a/a";
  BOOST_TEST((a < b));
  BOOST_TEST(!(b < a));
  SlotId c = b;
  c.pr = 2;
  SlotId d = b;
  d.pr = 10;
  BOOST_TEST((c < d));
  SlotId e = d;
  e.key = "k";
  BOOST_TEST((d < e));
  BOOST_TEST(!(e < e));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
