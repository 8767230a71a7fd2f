#include <boost/test/unit_test.hpp>

#include "providers/bitbucket_dc/report_plan.h"

namespace cib::bitbucket_dc {

namespace {

using Kind = ReportStep::Kind;
constexpr std::size_t kRoomy = 8000;

ReportDigests desired_with(std::initializer_list<std::pair<std::string, std::string>> items) {
  ReportDigests desired;
  desired.report = "R1";
  desired.annotations.assign(items.begin(), items.end());
  return desired;
}

RemoteState held(std::initializer_list<std::pair<const std::string, std::string>> annotations,
                 const std::string& report_digest = "R1") {
  RemoteState remote;
  remote.host_known = true;
  remote.report_known = true;
  remote.report_digest = report_digest;
  remote.annotations = annotations;
  return remote;
}

ReportStep step(Kind kind, std::vector<std::size_t> items = {}, std::vector<std::string> ids = {}) {
  ReportStep s;
  s.kind = kind;
  s.items = std::move(items);
  s.external_ids = std::move(ids);
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dc_report_plan)

BOOST_AUTO_TEST_CASE(first_delivery_is_a_put_and_one_post_of_all) {
  RemoteState fresh;
  fresh.host_known = true;
  const ReportPlan plan = plan_report(desired_with({{"a", "1"}, {"b", "2"}}), fresh, false, kRoomy);
  BOOST_TEST((plan == ReportPlan{step(Kind::put_report), step(Kind::post_annotations, {0, 1})}));
  BOOST_TEST(
      (plan_report(desired_with({}), fresh, false, kRoomy) == ReportPlan{step(Kind::put_report)}));
}

BOOST_AUTO_TEST_CASE(an_unchanged_report_sends_nothing) {
  BOOST_TEST(plan_report(desired_with({{"a", "1"}}), held({{"a", "1"}}), false, kRoomy).empty());
}

BOOST_AUTO_TEST_CASE(changed_fields_alone_are_one_put_which_keeps_the_annotations) {
  BOOST_TEST((plan_report(desired_with({{"a", "1"}}), held({{"a", "1"}}, "R0"), false, kRoomy) ==
              ReportPlan{step(Kind::put_report)}));
}

// DC does not de-duplicate a POST: a changed annotation is deleted before it is posted again.
BOOST_AUTO_TEST_CASE(
    a_change_is_one_delete_of_changed_and_removed_then_one_post_of_changed_and_new) {
  const ReportPlan plan = plan_report(desired_with({{"a", "1"}, {"b", "2*"}, {"d", "4"}}),
                                      held({{"a", "1"}, {"b", "2"}, {"c", "3"}}), false, kRoomy);
  BOOST_TEST((plan == ReportPlan{step(Kind::delete_annotations, {}, {"b", "c"}),
                                 step(Kind::post_annotations, {1, 2})}));
}

BOOST_AUTO_TEST_CASE(removals_alone_are_one_delete_and_additions_alone_one_post) {
  BOOST_TEST((plan_report(desired_with({{"a", "1"}}), held({{"a", "1"}, {"c", "3"}}), false,
                          kRoomy) == ReportPlan{step(Kind::delete_annotations, {}, {"c"})}));
  BOOST_TEST((plan_report(desired_with({{"a", "1"}, {"n", "9"}}), held({{"a", "1"}}), false,
                          kRoomy) == ReportPlan{step(Kind::post_annotations, {1})}));
}

// A POST whose answer was lost leaves its ids with unknown content: they may exist, so they are
// deleted before they are posted again.
BOOST_AUTO_TEST_CASE(annotations_of_unknown_content_are_deleted_before_they_are_posted) {
  const ReportPlan plan = plan_report(desired_with({{"a", "1"}, {"b", "2"}}),
                                      held({{"a", ""}, {"b", ""}}), false, kRoomy);
  BOOST_TEST((plan == ReportPlan{step(Kind::delete_annotations, {}, {"a", "b"}),
                                 step(Kind::post_annotations, {0, 1})}));
}

BOOST_AUTO_TEST_CASE(a_report_found_on_a_cold_start_is_put_cleared_and_posted) {
  RemoteState cold;
  cold.host_known = true;
  cold.annotations[kUnknownAnnotations] = "";
  BOOST_TEST((plan_report(desired_with({{"a", "1"}}), cold, false, kRoomy) ==
              ReportPlan{step(Kind::put_report), step(Kind::delete_all_annotations),
                         step(Kind::post_annotations, {0})}));
  BOOST_TEST((plan_report(desired_with({}), cold, false, kRoomy) ==
              ReportPlan{step(Kind::put_report), step(Kind::delete_all_annotations)}));
}

BOOST_AUTO_TEST_CASE(force_trusts_nothing_the_host_is_said_to_hold) {
  BOOST_TEST((plan_report(desired_with({{"a", "1"}}), held({{"a", "1"}}), true, kRoomy) ==
              ReportPlan{step(Kind::put_report), step(Kind::delete_all_annotations),
                         step(Kind::post_annotations, {0})}));
}

// Each id costs "externalId=" + the encoded id + a separator: 13 bytes for a one-letter id.
BOOST_AUTO_TEST_CASE(a_delete_is_split_only_when_its_query_would_pass_the_limit) {
  const ReportDigests none = desired_with({});
  const RemoteState three = held({{"a", "1"}, {"b", "2"}, {"c", "3"}});
  BOOST_TEST((plan_report(none, three, false, 39) ==
              ReportPlan{step(Kind::delete_annotations, {}, {"a", "b", "c"})}));
  BOOST_TEST((plan_report(none, three, false, 38) ==
              ReportPlan{step(Kind::delete_annotations, {}, {"a", "b"}),
                         step(Kind::delete_annotations, {}, {"c"})}));
  // An id longer than the limit still goes, alone.
  BOOST_TEST((plan_report(none, three, false, 5) ==
              ReportPlan{step(Kind::delete_annotations, {}, {"a"}),
                         step(Kind::delete_annotations, {}, {"b"}),
                         step(Kind::delete_annotations, {}, {"c"})}));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::bitbucket_dc
