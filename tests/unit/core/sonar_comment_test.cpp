#include "core/sonar_comment.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "sonar/sonar_analysis.h"
#include "sonar/text_bounds.h"

namespace cib {
namespace {

const char* const kGate =
    R"({"projectStatus":{"status":"ERROR","conditions":[)"
    R"({"status":"ERROR","metricKey":"new_coverage","comparator":"LT","errorThreshold":"80",)"
    R"("actualValue":"71.2"},)"
    R"({"status":"OK","metricKey":"new_bugs","comparator":"GT","errorThreshold":"0",)"
    R"("actualValue":"0"},)"
    R"({"status":"ERROR","metricKey":"new_reliability_rating","comparator":"GT",)"
    R"("errorThreshold":"1","actualValue":"3"}]}})";

const char* const kMeasures =
    R"({"component":{"key":"web","measures":[{"metric":"new_bugs","period":{"value":"2"}},)"
    R"({"metric":"new_coverage","period":{"value":"71.2"}}]}})";

std::string issue(const std::string& key, const std::string& severity, const std::string& type) {
  return R"({"key":")" + key + R"(","rule":"c:S1","severity":")" + severity +
         R"(","component":"web:src/a.c","project":"web","line":3,"message":"Fix )" + key +
         R"(","type":")" + type + R"(","status":"OPEN"})";
}

Update report_update(ReportContent content, const std::string& id = "sonar") {
  return Update{SlotId{SlotKind::report, "acme/web", "3f2c8a1e", 0, id}, std::move(content), 7,
                true};
}

Update analysed_update(const char* gate) {
  sonar::SonarAnswers answers;
  answers.issue_pages.push_back(R"({"issues":[)" + issue("AX-1", "BLOCKER", "BUG") + "," +
                                issue("AX-2", "MAJOR", "CODE_SMELL") + "," +
                                issue("AX-3", "MAJOR", "CODE_SMELL") + "," +
                                issue("AX-4", "MINOR", "VULNERABILITY") + "]}");
  if (gate != nullptr) answers.gate = gate;
  answers.measures = kMeasures;
  answers.dashboard_url = "https://sonar.example/dashboard?id=web&pullRequest=42";
  return report_update(sonar::read_sonar_analysis(answers));
}

std::string body_of(const Update& report, std::int64_t pr = 42) {
  const std::optional<Update> comment = sonar_comment_update(report, pr);
  BOOST_TEST_REQUIRE(comment.has_value());
  return std::get<CommentContent>(comment->content).body;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sonar_comment)

BOOST_AUTO_TEST_CASE(a_failed_gate_shows_its_conditions_measures_counts_and_link) {
  BOOST_TEST(body_of(analysed_update(kGate)) ==
             "#### ❌ SonarQube: quality gate failed\n"
             "\n**Failed conditions**\n\n"
             "- Coverage on new code 71.2% &lt; 80%\n"
             "- Reliability rating on new code C &gt; A\n"
             "\n| Measure | Value |\n|---|---:|\n"
             "| New bugs | 2 |\n"
             "| Coverage on new code | 71.2% |\n"
             "\n| Findings | Critical | High | Medium | Low | Total |\n"
             "|---|---:|---:|---:|---:|---:|\n"
             "| Bugs | 1 | 0 | 0 | 0 | 1 |\n"
             "| Vulnerabilities | 0 | 0 | 1 | 0 | 1 |\n"
             "| Code smells | 0 | 2 | 0 | 0 | 2 |\n"
             "| **Total** | 1 | 2 | 1 | 0 | 4 |\n"
             "\n[Open the dashboard](https://sonar.example/dashboard?id=web&pullRequest=42)\n");
}

BOOST_AUTO_TEST_CASE(a_passed_gate_and_no_gate_have_their_headings) {
  const std::string passed =
      body_of(analysed_update(R"({"projectStatus":{"status":"OK","conditions":[]}})"));
  BOOST_TEST(passed.rfind("#### ✅ SonarQube: quality gate passed\n", 0) == 0u, passed);
  BOOST_TEST(passed.find("conditions") == std::string::npos, passed);
  BOOST_TEST(passed.find("| **Total** | 1 | 2 | 1 | 0 | 4 |") != std::string::npos, passed);

  const std::string pending = body_of(analysed_update(nullptr));
  BOOST_TEST(pending.rfind("#### ⏳ SonarQube: no quality gate (pending)\n", 0) == 0u, pending);
  BOOST_TEST(body_of(report_update(ReportContent{})) ==
             "#### ⏳ Sonar: no quality gate (pending)\n\nNo open findings.\n");
}

BOOST_AUTO_TEST_CASE(the_comment_is_keyed_by_the_report_id_on_the_pull_request) {
  const std::optional<Update> comment =
      sonar_comment_update(report_update(ReportContent{}, "eslint"), 42);
  BOOST_TEST_REQUIRE(comment.has_value());
  BOOST_TEST((comment->id == SlotId{SlotKind::comment, "acme/web", "", 42, "sonar-eslint"}));
  BOOST_TEST(comment->tag == 7u);
  BOOST_TEST(comment->force);
}

BOOST_AUTO_TEST_CASE(without_a_pull_request_or_a_report_there_is_no_comment) {
  BOOST_TEST(!sonar_comment_update(analysed_update(kGate), 0).has_value());
  BOOST_TEST(!sonar_comment_update(analysed_update(kGate), -1).has_value());
  const Update status{SlotId{SlotKind::status, "acme/web", "3f2c8a1e", 0, "build"}, StatusContent{},
                      1, false};
  BOOST_TEST(!sonar_comment_update(status, 42).has_value());
}

BOOST_AUTO_TEST_CASE(the_same_analysis_gives_the_same_bytes) {
  BOOST_TEST(body_of(analysed_update(kGate)) == body_of(analysed_update(kGate)));
  // A finding's new message or line is the report's business; the comment stays as it was.
  Update moved = analysed_update(kGate);
  auto& annotations = std::get<ReportContent>(moved.content).annotations;
  annotations.front().line = 90;
  annotations.front().summary = "Fix it elsewhere";
  BOOST_TEST(body_of(moved) == body_of(analysed_update(kGate)));
  // One finding fixed changes the counts.
  annotations.pop_back();
  BOOST_TEST(body_of(moved) != body_of(analysed_update(kGate)));
}

BOOST_AUTO_TEST_CASE(texts_from_the_analysis_cannot_change_the_comments_structure) {
  ReportContent c;
  c.title = "Lint [x](javascript:y)";
  c.result = ReportResult::failed;
  c.details = "a | b *c* `d`\n# not a heading; <img src=x> & _e_ ~f~ \\g";
  c.data.push_back(ReportData{"Rows | cols", DataType::text, "1\n| x | y |"});
  c.link = "https://sonar.example/a b)(c";
  const std::string body = body_of(report_update(c));
  BOOST_TEST(body.find("#### ❌ Lint &#91;x&#93;(javascript:y): quality gate failed\n") == 0u, body);
  BOOST_TEST(
      body.find("- a &#124; b &#42;c&#42; &#96;d&#96; # not a heading\n") != std::string::npos,
      body);
  BOOST_TEST(body.find("- &lt;img src=x&gt; &amp; &#95;e&#95; &#126;f&#126; &#92;g\n") !=
                 std::string::npos,
             body);
  BOOST_TEST(body.find("| Rows &#124; cols | 1 &#124; x &#124; y &#124; |\n") != std::string::npos,
             body);
  BOOST_TEST(
      body.find("[Open the dashboard](https://sonar.example/a%20b%29%28c)\n") != std::string::npos,
      body);
}

BOOST_AUTO_TEST_CASE(a_huge_report_stays_bounded) {
  ReportContent c;
  c.title = std::string(1024, '|');
  c.result = ReportResult::failed;
  for (int i = 0; i < 150; ++i) c.details += (i > 0 ? "; " : "") + std::string(4096, '~');
  for (int i = 0; i < 12; ++i) {
    c.data.push_back(
        ReportData{std::string(4096, '|'), DataType::percentage, std::string(4096, '|')});
  }
  c.link = std::string(2048, ' ');
  for (int i = 0; i < 20000; ++i) {
    Annotation a;
    a.id = "AX-" + std::to_string(i);
    a.summary = std::string(2000, 'x');
    a.severity = static_cast<Severity>(i % 4);
    a.type = static_cast<FindingType>(i % 3);
    c.annotations.push_back(a);
  }
  const std::string body = body_of(report_update(c));
  BOOST_TEST(body.size() <= kMaxSonarCommentBytes);
  BOOST_TEST(sonar::first_invalid_utf8(body) == std::string::npos);
  BOOST_TEST(body.find("- … and 135 more\n") != std::string::npos);
  BOOST_TEST(body.find("| … and 2 more | |\n") != std::string::npos);
  BOOST_TEST(body.find("| **Total** | 5000 | 5000 | 5000 | 5000 | 20000 |\n") != std::string::npos);
  // Every part fitted without the last-resort cut: the body still ends with its link.
  BOOST_TEST(body.substr(body.size() - 5) == "%20)\n");
  c.link += "x";  // past the bound, the link is left out rather than cut
  BOOST_TEST(body_of(report_update(c)).find("Open the dashboard") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
