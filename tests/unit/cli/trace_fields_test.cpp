#include "trace_fields.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <variant>
#include <vector>

#include "error_message.h"

namespace cib::trace {
namespace {

using testing::error_message;

std::string op_error(const std::string& json) {
  return error_message<TraceError>([&] { parse_op_json(json); });
}

template <typename T>
T parse_as(const std::string& json) {
  const Op op = parse_op_json(json);
  BOOST_REQUIRE(std::holds_alternative<T>(op));
  return std::get<T>(op);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(trace_fields)

BOOST_AUTO_TEST_CASE(status_line_with_every_field_parses) {
  const StatusOp s = parse_as<StatusOp>(
      R"({"op":"status","repo":"acme/app","commit":"abc123","key":"build","state":"INPROGRESS",)"
      R"("name":"Build","url":"https://ci.example/1","description":"running","ref":"main"})");
  BOOST_TEST((s == StatusOp{"acme/app", "abc123", "build", "INPROGRESS", "Build",
                            "https://ci.example/1", "running", "main"}));
}

BOOST_AUTO_TEST_CASE(status_optional_fields_default_to_empty) {
  const StatusOp s = parse_as<StatusOp>(
      R"({"op":"status","repo":"acme/app","commit":"abc123","key":"build","state":"STOPPED"})");
  BOOST_TEST((s == StatusOp{"acme/app", "abc123", "build", "STOPPED", "", "", "", ""}));
}

BOOST_AUTO_TEST_CASE(every_state_word_is_accepted) {
  for (const char* state : {"INPROGRESS", "SUCCESSFUL", "FAILED", "STOPPED"}) {
    const StatusOp s =
        parse_as<StatusOp>(std::string(R"({"op":"status","repo":"r","commit":"c",)") +
                           R"("key":"k","state":")" + state + R"("})");
    BOOST_TEST(s.state == state);
  }
}

BOOST_AUTO_TEST_CASE(comment_line_parses) {
  const CommentOp c =
      parse_as<CommentOp>(R"({"op":"comment","repo":"acme/app","pr":42,"key":"cov","body":"hi"})");
  BOOST_TEST((c == CommentOp{"acme/app", 42, "cov", "hi"}));
}

BOOST_AUTO_TEST_CASE(report_line_with_data_and_annotations_parses) {
  const ReportOp r = parse_as<ReportOp>(
      R"({"op":"report","repo":"acme/app","commit":"abc","id":"lint","title":"Lint",)"
      R"("result":"FAILED","details":"2 issues","link":"https://l","reporter":"eslint",)"
      R"("data":[{"title":"Issues","type":"NUMBER","value":2},)"
      R"({"title":"Clean","type":"BOOLEAN","value":false},)"
      R"({"title":"Tool","type":"TEXT","value":"eslint"}],)"
      R"("annotations":[{"id":"a1","path":"src/x.js","line":7,"severity":"HIGH",)"
      R"("type":"BUG","summary":"oops","details":"more","link":"https://a"},)"
      R"({"id":"a2","severity":"LOW","type":"CODE_SMELL","summary":"meh"}]})");
  ReportOp expected;
  expected.repo = "acme/app";
  expected.commit = "abc";
  expected.id = "lint";
  expected.title = "Lint";
  expected.result = "FAILED";
  expected.details = "2 issues";
  expected.link = "https://l";
  expected.reporter = "eslint";
  expected.data = {
      {"Issues", "NUMBER", "2"}, {"Clean", "BOOLEAN", "false"}, {"Tool", "TEXT", "eslint"}};
  expected.annotations = {{"a1", "src/x.js", 7, "HIGH", "BUG", "oops", "more", "https://a"},
                          {"a2", "", 0, "LOW", "CODE_SMELL", "meh", "", ""}};
  BOOST_TEST((r == expected));
}

BOOST_AUTO_TEST_CASE(report_without_data_or_annotations_has_none) {
  const ReportOp r = parse_as<ReportOp>(
      R"({"op":"report","repo":"r","commit":"c","id":"i","title":"t","result":"PENDING"})");
  BOOST_TEST(r.data.empty());
  BOOST_TEST(r.annotations.empty());
  BOOST_TEST(r.result == "PENDING");
}

BOOST_AUTO_TEST_CASE(sonar_line_with_issue_files_parses) {
  const SonarOp s =
      parse_as<SonarOp>(R"({"op":"sonar","repo":"acme/app","commit":"abc","pr":7,)"
                        R"("issues":["issues-1.json","issues-2.json"],"gate":"gate.json"})");
  BOOST_TEST(s.repo == "acme/app");
  BOOST_TEST(s.commit == "abc");
  BOOST_TEST(s.pr == 7);
  BOOST_TEST(s.issues == (std::vector<std::string>{"issues-1.json", "issues-2.json"}),
             boost::test_tools::per_element());
  BOOST_TEST(s.gate == "gate.json");
  BOOST_TEST(s.sarif.empty());
  BOOST_TEST(s.id.empty());
  BOOST_TEST(s.measures.empty());
}

BOOST_AUTO_TEST_CASE(sonar_line_with_id_and_measures_parses) {
  const SonarOp s = parse_as<SonarOp>(
      R"({"op":"sonar","repo":"r","commit":"c","id":"sonar-api","issues":"i.json",)"
      R"("measures":"measures.json"})");
  BOOST_TEST(s.id == "sonar-api");
  BOOST_TEST(s.measures == "measures.json");
}

BOOST_AUTO_TEST_CASE(sonar_issues_may_be_one_string) {
  const SonarOp s =
      parse_as<SonarOp>(R"({"op":"sonar","repo":"r","commit":"c","issues":"issues.json"})");
  BOOST_TEST(s.issues == (std::vector<std::string>{"issues.json"}),
             boost::test_tools::per_element());
  BOOST_TEST(s.pr == 0);
}

BOOST_AUTO_TEST_CASE(sonar_line_with_sarif_parses) {
  const SonarOp s =
      parse_as<SonarOp>(R"({"op":"sonar","repo":"r","commit":"c","sarif":"scan.sarif"})");
  BOOST_TEST(s.sarif == "scan.sarif");
  BOOST_TEST(s.issues.empty());
}

BOOST_AUTO_TEST_CASE(sonar_needs_exactly_one_of_issues_and_sarif) {
  const std::string neither = R"({"op":"sonar","repo":"r","commit":"c"})";
  const std::string both =
      R"({"op":"sonar","repo":"r","commit":"c","issues":"i.json","sarif":"s.sarif"})";
  const std::string want =
      R"(sonar: expected either field "issues" (with "gate", "measures") or field "sarif")";
  BOOST_TEST(op_error(neither) == want);
  BOOST_TEST(op_error(both) == want);
  BOOST_TEST(op_error(R"({"op":"sonar","repo":"r","commit":"c","gate":"g.json","sarif":"s"})") ==
             want);
}

BOOST_AUTO_TEST_CASE(sleep_line_parses) {
  BOOST_TEST(parse_as<SleepOp>(R"({"op":"sleep","ms":250})").ms == 250);
  BOOST_TEST(parse_as<SleepOp>(R"({"op":"sleep","ms":0})").ms == 0);
}

BOOST_AUTO_TEST_CASE(flush_line_parses_with_and_without_a_limit) {
  BOOST_TEST(parse_as<FlushOp>(R"({"op":"flush","timeout_ms":5000})").timeout_ms == 5000);
  BOOST_TEST(parse_as<FlushOp>(R"({"op":"flush"})").timeout_ms == -1);
}

BOOST_AUTO_TEST_CASE(missing_field_names_the_op_and_the_field) {
  BOOST_TEST(op_error(R"({"op":"status","repo":"r","commit":"c","state":"FAILED"})") ==
             R"(status: missing field "key")");
  BOOST_TEST(op_error(R"({"op":"comment","repo":"r","key":"k","body":"b"})") ==
             R"(comment: missing field "pr")");
  BOOST_TEST(op_error(R"({"op":"sleep"})") == R"(sleep: missing field "ms")");
}

BOOST_AUTO_TEST_CASE(null_counts_as_missing) {
  BOOST_TEST(op_error(R"({"op":"status","repo":"r","commit":"c","key":null,"state":"FAILED"})") ==
             R"(status: missing field "key")");
}

BOOST_AUTO_TEST_CASE(empty_required_text_is_refused) {
  BOOST_TEST(op_error(R"({"op":"status","repo":"","commit":"c","key":"k","state":"FAILED"})") ==
             R"(status: field "repo" must not be empty)");
}

BOOST_AUTO_TEST_CASE(text_field_of_another_type_is_refused) {
  BOOST_TEST(op_error(R"({"op":"status","repo":"r","commit":"c","key":"k","state":"FAILED",)"
                      R"("url":7})") == R"(status: field "url": expected a string)");
}

BOOST_AUTO_TEST_CASE(unknown_fields_are_refused) {
  BOOST_TEST(op_error(R"({"op":"status","repo":"r","commit":"c","key":"k","state":"FAILED",)"
                      R"("descripton":"typo"})") == R"(status: unknown field "descripton")");
  BOOST_TEST(op_error(R"({"op":"sleep","ms":1,"seconds":1})") ==
             R"(sleep: unknown field "seconds")");
  BOOST_TEST(op_error(R"({"op":"flush","timeout":1})") == R"(flush: unknown field "timeout")");
}

BOOST_AUTO_TEST_CASE(unknown_fields_in_nested_items_are_refused) {
  BOOST_TEST(
      op_error(R"({"op":"report","repo":"r","commit":"c","id":"i","title":"t","result":"PASSED",)"
               R"("annotations":[{"id":"a","severity":"LOW","type":"BUG","summary":"s",)"
               R"("colour":"red"}]})") == R"(report: annotations[0]: unknown field "colour")");
}

BOOST_AUTO_TEST_CASE(bad_state_word_lists_the_allowed_words) {
  BOOST_TEST(op_error(R"({"op":"status","repo":"r","commit":"c","key":"k","state":"DONE"})") ==
             R"(status: field "state": expected INPROGRESS, SUCCESSFUL, FAILED or STOPPED, )"
             R"(got "DONE")");
}

BOOST_AUTO_TEST_CASE(enum_words_are_case_sensitive) {
  BOOST_TEST(op_error(R"({"op":"status","repo":"r","commit":"c","key":"k","state":"failed"})") ==
             R"(status: field "state": expected INPROGRESS, SUCCESSFUL, FAILED or STOPPED, )"
             R"(got "failed")");
}

BOOST_AUTO_TEST_CASE(bad_result_word_is_refused) {
  BOOST_TEST(
      op_error(R"({"op":"report","repo":"r","commit":"c","id":"i","title":"t","result":"OK"})") ==
      R"(report: field "result": expected PASSED, FAILED or PENDING, got "OK")");
}

BOOST_AUTO_TEST_CASE(bad_words_in_nested_items_name_the_item) {
  const std::string head =
      R"({"op":"report","repo":"r","commit":"c","id":"i","title":"t","result":"PASSED",)";
  BOOST_TEST(op_error(head + R"("annotations":[{"id":"a","severity":"LOW","type":"BUG",)"
                             R"("summary":"s"},{"id":"b","severity":"SEVERE","type":"BUG",)"
                             R"("summary":"s"}]})") ==
             R"(report: annotations[1]: field "severity": expected CRITICAL, HIGH, MEDIUM or )"
             R"(LOW, got "SEVERE")");
  BOOST_TEST(op_error(head + R"("annotations":[{"id":"a","severity":"LOW","type":"TYPO",)"
                             R"("summary":"s"}]})") ==
             R"(report: annotations[0]: field "type": expected BUG, VULNERABILITY or )"
             R"(CODE_SMELL, got "TYPO")");
  BOOST_TEST(op_error(head + R"("data":[{"title":"x","type":"MONEY","value":1}]})") ==
             R"(report: data[0]: field "type": expected TEXT, BOOLEAN, DATE, DURATION, LINK, )"
             R"(NUMBER or PERCENTAGE, got "MONEY")");
}

BOOST_AUTO_TEST_CASE(integers_out_of_range_are_refused) {
  BOOST_TEST(op_error(R"({"op":"comment","repo":"r","pr":0,"key":"k","body":"b"})") ==
             R"(comment: field "pr": expected an integer from 1 to 9223372036854775807, got 0)");
  BOOST_TEST(op_error(R"({"op":"sleep","ms":-1})") ==
             R"(sleep: field "ms": expected an integer from 0 to 2147483647, got -1)");
  BOOST_TEST(op_error(R"({"op":"sleep","ms":2147483648})") ==
             R"(sleep: field "ms": expected an integer from 0 to 2147483647, got 2147483648)");
}

BOOST_AUTO_TEST_CASE(non_integers_are_refused_where_an_integer_is_due) {
  const std::string expected = R"(sleep: field "ms": expected an integer from 0 to 2147483647)";
  BOOST_TEST(op_error(R"({"op":"sleep","ms":"250"})") == expected);
  BOOST_TEST(op_error(R"({"op":"sleep","ms":2.5})") == expected);
  BOOST_TEST(op_error(R"({"op":"sleep","ms":18446744073709551615})") == expected);
}

// Poco reports a JSON boolean as an integer too; `true` must not read as 1.
BOOST_AUTO_TEST_CASE(booleans_are_refused_where_an_integer_is_due) {
  BOOST_TEST(op_error(R"({"op":"sleep","ms":true})") ==
             R"(sleep: field "ms": expected an integer from 0 to 2147483647)");
}

BOOST_AUTO_TEST_CASE(unknown_op_lists_the_known_ones) {
  BOOST_TEST(
      op_error(R"({"op":"deploy"})") ==
      R"(op: unknown op "deploy" (expected status, comment, report, sonar, sleep or flush))");
}

BOOST_AUTO_TEST_CASE(line_without_op_is_refused) {
  BOOST_TEST(op_error(R"({"repo":"r"})") == R"(missing field "op")");
}

BOOST_AUTO_TEST_CASE(line_that_is_not_an_object_is_refused) {
  BOOST_TEST(op_error(R"(["status"])") == "expected a JSON object");
  // Poco's parser refuses a bare scalar itself; only that it is refused matters here.
  BOOST_CHECK_THROW(parse_op_json("42"), TraceError);
}

BOOST_AUTO_TEST_CASE(invalid_json_is_refused) {
  BOOST_TEST(op_error(R"({"op":"sleep","ms":)").rfind("invalid JSON: ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(annotation_file_parses) {
  const std::vector<AnnotationOp> a = parse_annotations_json(
      R"([{"id":"a1","path":"p.c","line":3,"severity":"CRITICAL","type":"VULNERABILITY",)"
      R"("summary":"s"}])");
  BOOST_REQUIRE(a.size() == 1u);
  BOOST_TEST((a[0] == AnnotationOp{"a1", "p.c", 3, "CRITICAL", "VULNERABILITY", "s", "", ""}));
}

BOOST_AUTO_TEST_CASE(annotation_file_errors_name_the_item) {
  BOOST_TEST(error_message<TraceError>([] {
               parse_annotations_json(R"([{"id":"a","severity":"LOW","type":"BUG"}])");
             }) == R"(annotations[0]: missing field "summary")");
  BOOST_TEST(error_message<TraceError>([] { parse_annotations_json(R"({"id":"a"})"); }) ==
             "expected a JSON array of annotations");
}

BOOST_AUTO_TEST_CASE(report_data_file_parses) {
  const std::vector<ReportDataOp> d =
      parse_report_data_json(R"([{"title":"Coverage","type":"PERCENTAGE","value":87.5},)"
                             R"({"title":"When","type":"DATE","value":1700000000000}])");
  BOOST_REQUIRE(d.size() == 2u);
  BOOST_TEST((d[0] == ReportDataOp{"Coverage", "PERCENTAGE", "87.5"}));
  BOOST_TEST((d[1] == ReportDataOp{"When", "DATE", "1700000000000"}));
}

BOOST_AUTO_TEST_CASE(report_data_value_must_be_a_scalar) {
  BOOST_TEST(error_message<TraceError>([] {
               parse_report_data_json(R"([{"title":"x","type":"TEXT","value":[1]}])");
             }) == R"(data[0]: field "value": expected a string, number or boolean)");
  BOOST_TEST(error_message<TraceError>([] {
               parse_report_data_json("[]x");
             }).rfind("invalid JSON: ", 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::trace
