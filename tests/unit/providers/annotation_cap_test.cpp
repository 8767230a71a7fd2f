#include "providers/annotation_cap.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <random>

#include "provider_fixtures.h"

namespace cib::test {

namespace {

std::vector<std::string> ids(const ReportContent& report) {
  std::vector<std::string> out;
  for (const Annotation& a : report.annotations) out.push_back(a.id);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(annotation_cap)

BOOST_AUTO_TEST_CASE(order_is_severity_then_type_then_path_line_and_id) {
  Annotation low = finding(1, Severity::low);
  Annotation critical = finding(2, Severity::critical, FindingType::code_smell);
  Annotation bug = finding(3, Severity::high, FindingType::bug);
  Annotation vuln = finding(4, Severity::high, FindingType::vulnerability);
  Annotation path_a = finding(5, Severity::medium);
  path_a.path = "a.cpp";
  path_a.line = 9;
  Annotation path_a_line_2 = path_a;
  path_a_line_2.id = "z";
  path_a_line_2.line = 2;
  Annotation path_a_same_line = path_a;
  path_a_same_line.id = "a";
  ReportContent report;
  report.annotations = {low, path_a, vuln, critical, path_a_same_line, bug, path_a_line_2};
  const ReportContent capped = cap_annotations(report, 100);
  BOOST_TEST(ids(capped) == (std::vector<std::string>{critical.id, bug.id, vuln.id, "z", "a",
                                                      path_a.id, low.id}),
             boost::test_tools::per_element());
  BOOST_TEST(capped.details.empty());
}

BOOST_AUTO_TEST_CASE(over_the_cap_the_first_in_fixed_order_are_kept_whatever_the_input_order) {
  ReportContent report;
  for (int i = 0; i < 30; ++i) {
    report.annotations.push_back(
        finding(i, static_cast<Severity>(i % 4), static_cast<FindingType>(i % 3)));
  }
  ReportContent shuffled = report;
  std::mt19937 random(7);
  std::shuffle(shuffled.annotations.begin(), shuffled.annotations.end(), random);
  const ReportContent a = cap_annotations(report, 10);
  const ReportContent b = cap_annotations(shuffled, 10);
  BOOST_TEST(ids(a) == ids(b), boost::test_tools::per_element());
  BOOST_TEST(a.annotations.size() == 10u);
  BOOST_TEST(std::is_sorted(a.annotations.begin(), a.annotations.end(), finding_order_less));
  for (const Annotation& kept : a.annotations) BOOST_TEST((kept.severity <= Severity::high));
  BOOST_TEST(a.details == "(showing 10 of 30 findings, by severity)");
}

BOOST_AUTO_TEST_CASE(the_note_follows_existing_details) {
  ReportContent report = report_with(3);
  report.details = "Gate failed";
  BOOST_TEST(cap_annotations(report, 2).details ==
             "Gate failed (showing 2 of 3 findings, by severity)");
  BOOST_TEST(cap_annotations(report, 3).details == "Gate failed");
}

BOOST_AUTO_TEST_CASE(duplicate_ids_keep_the_first_in_fixed_order) {
  ReportContent report;
  Annotation minor = finding(1, Severity::low);
  Annotation major = finding(1, Severity::critical);
  report.annotations = {minor, major};
  const ReportContent capped = cap_annotations(report, 10);
  BOOST_REQUIRE_EQUAL(capped.annotations.size(), 1u);
  BOOST_TEST((capped.annotations[0].severity == Severity::critical));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
