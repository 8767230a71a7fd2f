// Each host's request shapes (shapes of issue 14) on hand-made content: what a report's first
// delivery and its re-posts cost, the annotation caps, and the reads of a cold start.
#include <boost/test/unit_test.hpp>
#include <stdexcept>
#include <string>

#include "trace_builder.h"
#include "trace_floor.h"

namespace {

using cib::bench::FloorResult;
using cib::bench::FloorSettings;
using cib::bench::kReportKind;
using cib::bench::test::annotation;
using cib::bench::test::sast_report;
using cib::bench::test::TraceBuilder;
namespace trace = cib::trace;

FloorSettings on(const std::string& host, bool cold_start = false) {
  FloorSettings settings;
  settings.host = host;
  settings.cold_start = cold_start;
  return settings;
}

// The report's floor after a first delivery of `first` annotations, then `second`.
std::int64_t repost_cost(const std::string& host, const trace::ReportOp& first,
                         const trace::ReportOp& second) {
  const std::int64_t once = TraceBuilder().report(first).floor(on(host)).floor;
  return TraceBuilder().report(first).sleep(4000).report(second).floor(on(host)).floor - once;
}

trace::ReportOp with_added(trace::ReportOp report, int count) {
  for (int i = 0; i < count; ++i) report.annotations.push_back(annotation(5000 + i));
  return report;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bitbucket_dc)

BOOST_AUTO_TEST_CASE(a_first_report_is_a_put_and_one_post_of_all_its_annotations) {
  BOOST_TEST(TraceBuilder().report(sast_report(250)).floor(on("bitbucket-dc")).floor == 2);
  BOOST_TEST(TraceBuilder().report(sast_report(0)).floor(on("bitbucket-dc")).floor == 1);
  BOOST_TEST(TraceBuilder().report(sast_report(1500)).floor(on("bitbucket-dc")).floor == 2);
  BOOST_TEST(TraceBuilder().report(sast_report(250)).floor(on("bitbucket-dc")).naive == 2);
}

BOOST_AUTO_TEST_CASE(a_change_deletes_the_changed_and_removed_and_posts_the_changed_and_new) {
  trace::ReportOp second = with_added(sast_report(250), 1);
  second.annotations[0].line += 1;
  second.annotations.erase(second.annotations.begin() + 1);
  BOOST_TEST(repost_cost("bitbucket-dc", sast_report(250), second) == 2);
  BOOST_TEST(repost_cost("bitbucket-dc", sast_report(250), with_added(sast_report(250), 3)) == 1);
  trace::ReportOp fewer = sast_report(250);
  fewer.annotations.resize(200);
  BOOST_TEST(repost_cost("bitbucket-dc", sast_report(250), fewer) == 1);
}

BOOST_AUTO_TEST_CASE(changed_fields_alone_are_one_put_which_keeps_the_annotations) {
  trace::ReportOp second = sast_report(250);
  second.result = "PASSED";
  BOOST_TEST(repost_cost("bitbucket-dc", sast_report(250), second) == 1);
  second.annotations[7].summary = "reworded";
  BOOST_TEST(repost_cost("bitbucket-dc", sast_report(250), second) == 3);
}

BOOST_AUTO_TEST_CASE(a_delete_of_many_ids_is_split_to_keep_its_target_short) {
  // 1,000 ids of 6-8 bytes: about 20,000 bytes of externalId parameters, 3 DELETEs.
  BOOST_TEST(repost_cost("bitbucket-dc", sast_report(1000), sast_report(0)) == 3);
}

BOOST_AUTO_TEST_CASE(a_new_finding_beyond_the_cap_changes_the_left_out_count_in_the_details) {
  // The 1,001st finding sorts last: no annotation changes, but the details say one is left out.
  BOOST_TEST(repost_cost("bitbucket-dc", sast_report(1000), sast_report(1001)) == 1);
}

BOOST_AUTO_TEST_CASE(a_cold_start_reads_each_report_and_lists_each_pr_once) {
  const FloorResult r = TraceBuilder()
                            .comment("coverage", "A")
                            .comment("lint", "ok")
                            .report(sast_report(10))
                            .floor(on("bitbucket-dc", true));
  BOOST_TEST(r.lookups == 2);
  BOOST_TEST(r.floor == 2 + 2 + 2);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(github)

BOOST_AUTO_TEST_CASE(a_first_check_run_carries_50_annotations_and_patches_the_rest) {
  BOOST_TEST(TraceBuilder().report(sast_report(0)).floor(on("github")).floor == 1);
  BOOST_TEST(TraceBuilder().report(sast_report(50)).floor(on("github")).floor == 1);
  BOOST_TEST(TraceBuilder().report(sast_report(51)).floor(on("github")).floor == 2);
  BOOST_TEST(TraceBuilder().report(sast_report(250)).floor(on("github")).floor == 5);
  BOOST_TEST(TraceBuilder().report(sast_report(250)).floor(on("github")).naive == 5);
}

BOOST_AUTO_TEST_CASE(a_report_keeps_1000_annotations_in_at_most_20_requests) {
  const FloorResult r = TraceBuilder().report(sast_report(1500)).floor(on("github"));
  BOOST_TEST(r.floor == 20);
  BOOST_TEST(r.naive == 20);  // the library's cap holds for a plugin's check run too
}

BOOST_AUTO_TEST_CASE(findings_without_a_file_are_not_annotations_of_a_check_run) {
  trace::ReportOp report = sast_report(60);
  for (auto& a : report.annotations) a.path.clear();
  const FloorResult r = TraceBuilder().report(report).floor(on("github"));
  BOOST_TEST(r.floor == 1);
  BOOST_TEST(r.naive == 1);
}

BOOST_AUTO_TEST_CASE(added_findings_alone_are_patched_onto_the_same_run) {
  BOOST_TEST(repost_cost("github", sast_report(250), with_added(sast_report(250), 60)) == 2);
  BOOST_TEST(repost_cost("github", sast_report(250), with_added(sast_report(250), 1)) == 1);
  trace::ReportOp passed = sast_report(250);
  passed.result = "PASSED";
  BOOST_TEST(repost_cost("github", sast_report(250), passed) == 1);
}

BOOST_AUTO_TEST_CASE(a_changed_or_removed_finding_creates_a_new_check_run) {
  trace::ReportOp changed = with_added(sast_report(250), 60);
  changed.annotations[3].line += 1;
  BOOST_TEST(repost_cost("github", sast_report(250), changed) == 1 + 6);
  trace::ReportOp fewer = sast_report(250);
  fewer.annotations.pop_back();
  BOOST_TEST(repost_cost("github", sast_report(250), fewer) == 5);
}

BOOST_AUTO_TEST_CASE(a_cold_start_lists_comments_and_reads_no_check_run) {
  const FloorResult r =
      TraceBuilder().comment("coverage", "A").report(sast_report(10)).floor(on("github", true));
  BOOST_TEST(r.lookups == 1);
  BOOST_TEST(r.floor == 1 + 1 + 1);
  BOOST_TEST(r.floor_by_kind[kReportKind] == 1);
}

BOOST_AUTO_TEST_CASE(without_an_app_a_report_is_a_comment_on_the_commits_pull_request) {
  FloorSettings settings = on("github", true);
  settings.github_checks = false;
  trace::ReportOp second = with_added(sast_report(250), 60);
  second.annotations[0].line += 1;
  const FloorResult r = TraceBuilder()
                            .comment("coverage", "A")
                            .report(sast_report(250))
                            .sleep(4000)
                            .report(second)
                            .floor(settings);
  BOOST_TEST(r.lookups == 2);  // the PR's comments, and the commit's pull requests
  BOOST_TEST(r.floor_by_kind[kReportKind] == 1 + 1 + 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(gitlab)

BOOST_AUTO_TEST_CASE(a_report_is_one_note_created_then_updated) {
  trace::ReportOp second = sast_report(1500);
  second.annotations.pop_back();
  const FloorResult r =
      TraceBuilder().report(sast_report(1500)).sleep(4000).report(second).floor(on("gitlab"));
  BOOST_TEST(r.floor == 2);
  BOOST_TEST(r.naive == 2);
}

BOOST_AUTO_TEST_CASE(a_cold_start_finds_the_merge_request_and_lists_its_notes_once) {
  trace::ReportOp other_commit = sast_report(10);
  other_commit.commit = std::string(40, 'f');
  const FloorResult r = TraceBuilder()
                            .comment("coverage", "A")
                            .report(sast_report(10))
                            .report(other_commit)
                            .floor(on("gitlab", true));
  // Both commits' reports land on the trace's first commented PR, listed once.
  BOOST_TEST(r.lookups == 1 + 2);
  BOOST_TEST(r.floor == 3 + 3);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(an_unknown_host_is_refused) {
  BOOST_CHECK_THROW(TraceBuilder().status("build", "SUCCESSFUL").floor(on("gitea")),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(the_json_line_names_the_host) {
  const FloorResult r = TraceBuilder().status("build", "SUCCESSFUL").floor(on("gitlab"));
  const std::string line = cib::bench::floor_json("t.jsonl", "gitlab", r);
  BOOST_TEST(line.find(R"("host":"gitlab")") != std::string::npos);
  BOOST_TEST(line.find(R"("floor":1)") != std::string::npos);
}
