#include "providers/bitbucket_cloud/report_plan.h"

#include <boost/test/unit_test.hpp>
#include <ostream>

namespace cib::bitbucket_cloud {

namespace {

using Kind = ReportStep::Kind;

}  // namespace

std::ostream& operator<<(std::ostream& out, Kind kind) {
  switch (kind) {
    case Kind::delete_report:
      return out << "delete_report";
    case Kind::put_report:
      return out << "put_report";
    case Kind::post_annotations:
      return out << "post_annotations";
    case Kind::delete_annotation:
      return out << "delete_annotation";
  }
  return out;
}

namespace {

ReportDigests desired_with(int n, const std::string& report = "R1") {
  ReportDigests d;
  d.report = report;
  for (int i = 0; i < n; ++i) d.annotations.emplace_back("a" + std::to_string(1000 + i), "v1");
  return d;
}

// What the host holds after `d` was delivered in full.
RemoteState held(const ReportDigests& d) {
  RemoteState remote;
  remote.report_known = true;
  remote.report_digest = d.report;
  for (const auto& a : d.annotations) remote.annotations[a.first] = a.second;
  return remote;
}

std::vector<Kind> kinds(const ReportPlan& plan) {
  std::vector<Kind> out;
  for (const ReportStep& s : plan) out.push_back(s.kind);
  return out;
}

std::vector<std::size_t> post_sizes(const ReportPlan& plan) {
  std::vector<std::size_t> out;
  for (const ReportStep& s : plan) {
    if (s.kind == Kind::post_annotations) out.push_back(s.items.size());
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_plan)

BOOST_AUTO_TEST_CASE(unknown_report_is_put_then_posted_in_chunks_of_100) {
  const ReportPlan plan = plan_report(desired_with(250), RemoteState{}, false);
  BOOST_TEST(kinds(plan) == (std::vector<Kind>{Kind::put_report, Kind::post_annotations,
                                               Kind::post_annotations, Kind::post_annotations}),
             boost::test_tools::per_element());
  BOOST_TEST(post_sizes(plan) == (std::vector<std::size_t>{100, 100, 50}),
             boost::test_tools::per_element());
  BOOST_TEST(plan[3].items.front() == 200u);
  BOOST_TEST(plan[3].items.back() == 249u);
}

BOOST_AUTO_TEST_CASE(report_without_annotations_is_one_put) {
  BOOST_TEST(kinds(plan_report(desired_with(0), RemoteState{}, false)) ==
                 (std::vector<Kind>{Kind::put_report}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(nothing_changed_costs_nothing) {
  const ReportDigests d = desired_with(250);
  BOOST_TEST(plan_report(d, held(d), false).empty());
}

BOOST_AUTO_TEST_CASE(few_changes_patch_the_annotations_removals_first) {
  const ReportDigests before = desired_with(250);
  ReportDigests after = before;
  after.annotations[3].second = "v2";
  after.annotations.erase(after.annotations.begin() + 10);  // a1010 removed
  after.annotations.emplace_back("new", "v1");
  const ReportPlan plan = plan_report(after, held(before), false);
  BOOST_REQUIRE_EQUAL(plan.size(), 2u);
  BOOST_TEST((plan[0].kind == Kind::delete_annotation && plan[0].external_id == "a1010"));
  BOOST_TEST((plan[1].kind == Kind::post_annotations));
  BOOST_TEST(plan[1].items == (std::vector<std::size_t>{3, 249}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(many_changes_replace_the_report_when_that_is_cheaper) {
  // 20 changed, 10 removed, 5 added of 250: patching costs 1 + 10, replacing 2 + 3.
  const ReportDigests before = desired_with(250);
  ReportDigests after = before;
  for (int i = 0; i < 20; ++i) after.annotations[static_cast<std::size_t>(i)].second = "v2";
  after.annotations.erase(after.annotations.end() - 10, after.annotations.end());
  for (int i = 0; i < 5; ++i) after.annotations.emplace_back("n" + std::to_string(i), "v1");
  const ReportPlan plan = plan_report(after, held(before), false);
  BOOST_TEST(kinds(plan) ==
                 (std::vector<Kind>{Kind::delete_report, Kind::put_report, Kind::post_annotations,
                                    Kind::post_annotations, Kind::post_annotations}),
             boost::test_tools::per_element());
  BOOST_TEST(post_sizes(plan) == (std::vector<std::size_t>{100, 100, 45}),
             boost::test_tools::per_element());
  BOOST_TEST(plan_cost(plan) == 5u);
}

BOOST_AUTO_TEST_CASE(a_tie_keeps_the_report_and_patches) {
  // 100 held; 1 changed, 2 removed: patching 1 + 2 = 3, replacing 2 + 1 = 3.
  const ReportDigests before = desired_with(102);
  ReportDigests after = before;
  after.annotations.resize(100);
  after.annotations[0].second = "v2";
  const ReportPlan plan = plan_report(after, held(before), false);
  BOOST_TEST(kinds(plan) == (std::vector<Kind>{Kind::delete_annotation, Kind::delete_annotation,
                                               Kind::post_annotations}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(changed_fields_rewrite_the_report_and_resend_every_annotation) {
  const ReportDigests before = desired_with(150);
  const ReportDigests after = desired_with(150, "R2");
  const ReportPlan plan = plan_report(after, held(before), false);
  BOOST_TEST(kinds(plan) == (std::vector<Kind>{Kind::put_report, Kind::post_annotations,
                                               Kind::post_annotations}),
             boost::test_tools::per_element());
  BOOST_TEST(post_sizes(plan) == (std::vector<std::size_t>{100, 50}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(changed_fields_with_many_removals_replace_the_report) {
  // Rewriting: 1 + 1 + 5 removals; replacing: 2 + 1.
  const ReportDigests before = desired_with(105);
  ReportDigests after = desired_with(100, "R2");
  const ReportPlan plan = plan_report(after, held(before), false);
  BOOST_TEST(kinds(plan) ==
                 (std::vector<Kind>{Kind::delete_report, Kind::put_report, Kind::post_annotations}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(changed_fields_with_one_removal_rewrite_on_a_tie) {
  // Rewriting: 1 + 1 + 1; replacing 2 + 1.
  const ReportDigests before = desired_with(101);
  const ReportDigests after = desired_with(100, "R2");
  const ReportPlan plan = plan_report(after, held(before), false);
  BOOST_TEST(kinds(plan) == (std::vector<Kind>{Kind::put_report, Kind::delete_annotation,
                                               Kind::post_annotations}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(annotations_of_unknown_content_are_resent) {
  const ReportDigests d = desired_with(3);
  RemoteState remote = held(d);
  remote.annotations["a1001"] = "";
  const ReportPlan plan = plan_report(d, remote, false);
  BOOST_REQUIRE_EQUAL(plan.size(), 1u);
  BOOST_TEST(plan[0].items == (std::vector<std::size_t>{1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_report_of_unknown_fields_is_rewritten) {
  const ReportDigests d = desired_with(3);
  RemoteState remote = held(d);
  remote.report_digest.clear();
  BOOST_TEST(kinds(plan_report(d, remote, false)) ==
                 (std::vector<Kind>{Kind::put_report, Kind::post_annotations}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(force_resends_everything_and_still_removes_what_may_exist) {
  const ReportDigests before = desired_with(4);
  const ReportDigests after = desired_with(3);
  const ReportPlan plan = plan_report(after, held(before), true);
  BOOST_TEST(kinds(plan) == (std::vector<Kind>{Kind::put_report, Kind::delete_annotation,
                                               Kind::post_annotations}),
             boost::test_tools::per_element());
  BOOST_TEST(post_sizes(plan) == (std::vector<std::size_t>{3}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::bitbucket_cloud
