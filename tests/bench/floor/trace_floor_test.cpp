#define BOOST_TEST_MODULE trace_floor
#include "trace_floor.h"

#include <boost/test/unit_test.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "trace_builder.h"
#include "trace_reader.h"

namespace {

using cib::bench::compute_floor;
using cib::bench::FloorResult;
using cib::bench::FloorSettings;
namespace trace = cib::trace;

using cib::bench::test::annotation;
using cib::bench::test::sast_report;
using cib::bench::test::TraceBuilder;
using cib::bench::test::warm;

}  // namespace

BOOST_AUTO_TEST_CASE(quick_inprogress_then_successful_costs_one) {
  const FloorResult r =
      TraceBuilder().status("build", "INPROGRESS").sleep(50).status("build", "SUCCESSFUL").floor();
  BOOST_TEST(r.floor == 1);
  BOOST_TEST(r.calls == 2);
  BOOST_TEST(r.naive == 2);
}

BOOST_AUTO_TEST_CASE(inprogress_held_past_the_terminal_linger_is_seen) {
  const FloorResult r = TraceBuilder()
                            .status("build", "INPROGRESS")
                            .sleep(4000)
                            .status("build", "SUCCESSFUL")
                            .floor();
  BOOST_TEST(r.floor == 2);
}

BOOST_AUTO_TEST_CASE(inprogress_edit_after_the_first_waits_the_long_linger) {
  // The second INPROGRESS is not gating: 500 ms is past the terminal linger but short of the
  // linger, so SUCCESSFUL replaces it unseen.
  const FloorResult r = TraceBuilder()
                            .status("build", "INPROGRESS", "compiling")
                            .sleep(4000)
                            .status("build", "INPROGRESS", "linking")
                            .sleep(500)
                            .status("build", "SUCCESSFUL")
                            .floor();
  BOOST_TEST(r.floor == 2);
}

BOOST_AUTO_TEST_CASE(a_then_b_then_a_each_held_long_costs_three) {
  const FloorResult r = TraceBuilder()
                            .comment("coverage", "A")
                            .sleep(4000)
                            .comment("coverage", "B")
                            .sleep(4000)
                            .comment("coverage", "A")
                            .floor();
  BOOST_TEST(r.floor == 3);
  BOOST_TEST(r.floor_by_kind[cib::bench::kCommentKind] == 3);
}

BOOST_AUTO_TEST_CASE(same_content_held_long_twice_costs_one) {
  const FloorResult r =
      TraceBuilder().comment("coverage", "A").sleep(4000).comment("coverage", "A").floor();
  BOOST_TEST(r.floor == 1);
}

BOOST_AUTO_TEST_CASE(flapping_status_costs_one) {
  const char* const states[] = {"INPROGRESS", "FAILED", "SUCCESSFUL"};
  TraceBuilder t;
  for (int i = 0; i < 30; ++i) t.status("deploy", states[i % 3]).sleep(30);
  t.flush();
  const FloorResult r = t.floor();
  BOOST_TEST(r.floor == 1);
  BOOST_TEST(r.naive == 30);
}

BOOST_AUTO_TEST_CASE(max_delay_forces_a_send_during_continuous_flapping) {
  const char* const states[] = {"INPROGRESS", "FAILED", "SUCCESSFUL"};
  TraceBuilder t;
  for (int i = 0; i < 500; ++i) t.status("deploy", states[i % 3]).sleep(30);  // 15 s
  FloorSettings no_cap = warm();
  no_cap.max_delay_ms = 60000;
  BOOST_TEST(t.floor().floor == 2);  // forced at 10 s, then the last one
  BOOST_TEST(t.floor(no_cap).floor == 1);
}

BOOST_AUTO_TEST_CASE(flush_sends_pending) {
  const FloorResult with_flush =
      TraceBuilder().comment("lint", "A").flush().comment("lint", "B").floor();
  const FloorResult without_flush =
      TraceBuilder().comment("lint", "A").comment("lint", "B").floor();
  BOOST_TEST(with_flush.floor == 2);
  BOOST_TEST(without_flush.floor == 1);
}

BOOST_AUTO_TEST_CASE(slots_are_counted_apart) {
  const FloorResult r = TraceBuilder()
                            .status("build", "SUCCESSFUL")
                            .status("lint", "SUCCESSFUL")
                            .comment("build", "ok")
                            .floor();
  BOOST_TEST(r.floor == 3);
}

BOOST_AUTO_TEST_CASE(report_of_250_annotations_costs_a_put_and_three_chunks) {
  const FloorResult r = TraceBuilder().report(sast_report(250)).floor();
  BOOST_TEST(r.floor == 4);
  BOOST_TEST(r.naive == 251);
}

BOOST_AUTO_TEST_CASE(report_annotations_beyond_the_cap_are_not_sent) {
  BOOST_TEST(TraceBuilder().report(sast_report(1500)).floor().floor == 11);
}

BOOST_AUTO_TEST_CASE(identical_report_repost_costs_nothing) {
  const FloorResult r =
      TraceBuilder().report(sast_report(250)).sleep(4000).report(sast_report(250)).floor();
  BOOST_TEST(r.floor == 4);
  BOOST_TEST(r.naive == 502);
}

BOOST_AUTO_TEST_CASE(report_repost_with_changed_annotations_sends_only_the_changed_chunk) {
  trace::ReportOp second = sast_report(250);
  for (int i = 0; i < 20; ++i) second.annotations[static_cast<std::size_t>(i) * 10].line += 1;
  second.annotations.push_back(annotation(900));
  const FloorResult r = TraceBuilder().report(sast_report(250)).sleep(4000).report(second).floor();
  BOOST_TEST(r.floor == 4 + 1);
}

BOOST_AUTO_TEST_CASE(report_repost_with_a_few_removals_deletes_them_one_by_one) {
  trace::ReportOp second = sast_report(250);
  second.annotations.resize(248);  // two removed
  second.annotations[0].summary = "changed";
  const FloorResult r = TraceBuilder().report(sast_report(250)).sleep(4000).report(second).floor();
  BOOST_TEST(r.floor == 4 + (1 + 2));
}

BOOST_AUTO_TEST_CASE(report_repost_with_many_removals_replaces_the_report) {
  trace::ReportOp second = sast_report(250);
  second.annotations.erase(second.annotations.begin(), second.annotations.begin() + 10);
  for (int i = 0; i < 5; ++i) second.annotations.push_back(annotation(1000 + i));
  const FloorResult r = TraceBuilder().report(sast_report(250)).sleep(4000).report(second).floor();
  BOOST_TEST(r.floor == 4 + (2 + 3));  // DELETE + PUT + 245 annotations in 3 chunks
}

BOOST_AUTO_TEST_CASE(report_repost_with_changed_fields_puts_the_report_and_its_annotations) {
  trace::ReportOp second = sast_report(250);
  second.result = "PASSED";
  const FloorResult r = TraceBuilder().report(sast_report(250)).sleep(4000).report(second).floor();
  BOOST_TEST(r.floor == 4 + (1 + 3));
}

BOOST_AUTO_TEST_CASE(report_superseded_within_the_linger_is_not_counted) {
  trace::ReportOp second = sast_report(250);
  second.result = "PASSED";
  const FloorResult r = TraceBuilder().report(sast_report(250)).sleep(500).report(second).floor();
  BOOST_TEST(r.floor == 4);
}

BOOST_AUTO_TEST_CASE(a_cold_start_lists_each_pr_once_before_its_first_keyed_comment) {
  const FloorResult r = TraceBuilder()
                            .comment("coverage", "A")
                            .comment("lint", "ok")
                            .comment("coverage", "B", 43)
                            .sleep(4000)
                            .comment("coverage", "C")
                            .floor(FloorSettings());
  BOOST_TEST(r.lookups == 2);  // PR 42 and PR 43, once each
  BOOST_TEST(r.floor == 4 + 2);
  BOOST_TEST(r.floor_by_kind[cib::bench::kCommentKind] == 6);
  BOOST_TEST(TraceBuilder().comment("coverage", "A").floor().lookups == 0);
}

BOOST_AUTO_TEST_CASE(a_cold_start_reads_each_report_once_at_its_first_delivery) {
  trace::ReportOp other_commit = sast_report(10);
  other_commit.commit = std::string(40, 'f');
  trace::ReportOp second = sast_report(250);
  second.annotations[3].line += 1;
  const FloorResult r = TraceBuilder()
                            .report(sast_report(250))
                            .report(other_commit)
                            .sleep(4000)
                            .report(second)
                            .floor(FloorSettings());
  BOOST_TEST(r.lookups == 2);
  BOOST_TEST(r.floor == (1 + 4) + (1 + 2) + 1);
  BOOST_TEST(r.floor_by_kind[cib::bench::kReportKind] == r.floor);
}

BOOST_AUTO_TEST_CASE(a_cold_start_costs_statuses_nothing_more) {
  const FloorResult r = TraceBuilder().status("build", "SUCCESSFUL").floor(FloorSettings());
  BOOST_TEST(r.floor == 1);
  BOOST_TEST(r.lookups == 0);
}

BOOST_AUTO_TEST_CASE(a_bad_line_names_the_trace_line_and_field) {
  std::istringstream text(
      "{\"op\":\"sleep\",\"ms\":10}\n"
      "\n"
      "{\"op\":\"status\",\"repo\":\"acme/web\",\"commit\":\"abc\",\"state\":\"FAILED\"}\n");
  try {
    trace::read_trace(text, "t.jsonl");
    BOOST_FAIL("a status without a key was accepted");
  } catch (const trace::TraceError& e) {
    BOOST_TEST(std::string(e.what()) == "t.jsonl:3: status: missing field \"key\"");
  }
}
