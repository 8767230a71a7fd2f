#include <boost/test/unit_test.hpp>
#include <functional>

#include "sonar/gate_reader.h"
#include "sonar/issues_reader.h"
#include "sonar/measures_reader.h"
#include "sonar/sarif_reader.h"
#include "sonar/sonar_error.h"
#include "sonar/sonar_limits.h"
#include "sonar/text_bounds.h"
#include "sonar_fixtures.h"

namespace cib::sonar {
namespace {

using test::fixture;
using test::generated_page;

// Runs `read`, which must throw a SonarError of `kind` whose message is `message`.
void expect_refusal(const std::function<void()>& read, SonarErrorKind kind,
                    const std::string& message) {
  try {
    read();
    BOOST_ERROR("accepted; expected: " << message);
  } catch (const SonarError& e) {
    BOOST_TEST(static_cast<int>(e.kind()) == static_cast<int>(kind));
    BOOST_TEST(std::string(e.what()) == message);
  }
}

void expect_invalid(const std::function<void()>& read, const std::string& message) {
  expect_refusal(read, SonarErrorKind::invalid_input, message);
}

std::string issue_page(const std::string& issue) {
  return R"({"issues":[)" + issue + "]}";
}

const std::string kIssue =
    R"({"key":"k1","component":"p:a.cpp","project":"p","status":"OPEN","message":"m")";

}  // namespace

BOOST_AUTO_TEST_SUITE(bad_input)

BOOST_AUTO_TEST_CASE(truncated_page_names_the_page) {
  const std::string page = fixture("issues_page2.json");
  try {
    read_issue_pages({fixture("issues_page1.json"), page.substr(0, page.size() / 2)});
    BOOST_ERROR("accepted a truncated page");
  } catch (const SonarError& e) {
    BOOST_TEST(std::string(e.what()).rfind("issues page 2: not valid JSON", 0) == 0u);
  }
}

BOOST_AUTO_TEST_CASE(wrong_types_name_the_json_path) {
  const std::string page = issue_page(kIssue + R"(,"textRange":{"startLine":"42"}})");
  expect_invalid(
      [&] {
        read_issue_pages({generated_page("p", "a", 0, 1), page});
      },
      "issues page 2: issues[0].textRange.startLine: expected an integer, got a string");
  expect_invalid([&] { read_issue_pages({R"({"issues":{}})"}); },
                 "issues page 1: issues: expected an array, got an object");
  expect_invalid([&] { read_issue_pages({"[1,2]"}); }, "issues page 1: expected a JSON object");
  expect_invalid([&] { read_issue_pages({issue_page(kIssue + R"(,"line":-3})")}); },
                 "issues page 1: issues[0].line: expected an integer from 0 to 2147483647");
  expect_invalid([&] { read_issue_pages({issue_page(kIssue + R"(,"severity":"HUGE"})")}); },
                 "issues page 1: issues[0].severity: unknown severity \"HUGE\"");
}

BOOST_AUTO_TEST_CASE(missing_fields_are_named) {
  expect_invalid([] { read_issue_pages({R"({"issues":[{"component":"p:a","message":"m"}]})"}); },
                 "issues page 1: issues[0].key: missing");
  expect_invalid([] { read_issue_pages({R"({"issues":[{"key":"","component":"p:a"}]})"}); },
                 "issues page 1: issues[0].key: empty; a finding needs its key as its id");
  expect_invalid([] { read_issue_pages({R"({"paging":{}})"}); },
                 "issues page 1: no \"issues\" or \"hotspots\" array");
  expect_invalid([] { read_gate(R"({"status":"OK"})"); }, "gate: projectStatus: missing");
  expect_invalid([] { read_measures(R"({"component":{"key":"p"}})", 10); },
                 "measures: component.measures: missing");
  expect_invalid(
      [] {
        read_sarif(R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"T"}},)"
                   R"("results":[{"level":"note","message":{}}]}]})");
      },
      "sarif: runs[0].results[0].message.text: missing");
}

BOOST_AUTO_TEST_CASE(a_page_of_another_project_is_refused) {
  expect_invalid(
      [] {
        read_issue_pages({generated_page("acme", "a", 0, 2), generated_page("other", "b", 0, 2)});
      },
      "issues page 2: issues[0]: project \"other\" is not the project of issues page 1 "
      "(\"acme\")");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_refused_with_its_offset) {
  const std::string page = issue_page(R"({"key":"k1","component":"p:a","message":"bad )"
                                      "\xC3\x28"
                                      R"("})");
  expect_invalid([&] { read_issue_pages({page}); }, "issues page 1: byte 56: invalid UTF-8");
  expect_invalid([] { read_sarif("{\"version\":\"2.1.0\xED\xA0\x80\"}"); },
                 "sarif: byte 17: invalid UTF-8");
}

BOOST_AUTO_TEST_CASE(an_escaped_lone_surrogate_is_refused) {
  try {
    read_issue_pages({issue_page(kIssue.substr(0, kIssue.size() - 2) + R"(\ud800"})")});
    BOOST_ERROR("accepted a lone surrogate");
  } catch (const SonarError& e) {
    BOOST_TEST(std::string(e.what()).rfind("issues page 1: ", 0) == 0u);
  }
}

BOOST_AUTO_TEST_CASE(a_megabyte_message_is_cut_at_a_character_boundary) {
  std::string message;
  while (message.size() < 1024 * 1024) message += "é日";
  const std::vector<Annotation> findings = read_issue_pages(
      {issue_page(R"({"key":"k1","component":"p:a","message":")" + message + R"("})")});
  const std::string& summary = findings.at(0).summary;
  BOOST_TEST(summary.size() <= kMaxMessageBytes);
  BOOST_TEST(summary.size() > kMaxMessageBytes - 8);
  BOOST_TEST(summary.substr(summary.size() - std::string(kTruncationNote).size()) ==
             kTruncationNote);
  BOOST_TEST(first_invalid_utf8(summary) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_long_path_is_too_large) {
  const std::string path(kMaxFieldBytes + 1, 'a');
  expect_refusal(
      [&] {
        read_issue_pages(
            {issue_page(R"({"key":"k","component":")" + path + R"(","message":"m"})")});
      },
      SonarErrorKind::too_large, "issues page 1: issues[0].component: 4097 bytes, more than 4096");
}

BOOST_AUTO_TEST_CASE(fifty_thousand_issues_are_too_many) {
  std::vector<std::string> pages;
  for (std::size_t first = 0; first < 50000; first += 500) {
    pages.push_back(generated_page("big", "k", first, 500));
  }
  expect_refusal([&] { read_issue_pages(pages); }, SonarErrorKind::too_large,
                 "issues page 41: more than 20000 open findings in one analysis");
}

BOOST_AUTO_TEST_CASE(input_over_the_byte_bound_is_refused_before_parsing) {
  const std::string huge(kMaxInputBytes + 1, ' ');
  expect_refusal([&] { read_issue_pages({huge}); }, SonarErrorKind::too_large,
                 "issues: 67108865 bytes, more than 67108864");
  expect_refusal([&] { read_sarif(huge); }, SonarErrorKind::too_large,
                 "sarif: more than 67108864 bytes");
  const std::vector<std::string> pages(kMaxIssuePages + 1, R"({"issues":[]})");
  expect_refusal([&] { read_issue_pages(pages); }, SonarErrorKind::too_large,
                 "issues: 101 pages, more than 100");
}

BOOST_AUTO_TEST_CASE(gate_and_measures_refuse_wrong_shapes) {
  expect_invalid([] { read_gate(R"({"projectStatus":{"status":"MAYBE"}})"); },
                 "gate: projectStatus.status: unknown gate status \"MAYBE\"");
  expect_invalid([] { read_gate(R"({"projectStatus":{"status":"ERROR","conditions":"x"}})"); },
                 "gate: projectStatus.conditions: expected an array, got a string");
  expect_invalid([] { read_gate(""); }, "gate: not valid JSON: unexpected end of text");
  expect_invalid(
      [] { read_measures(R"({"component":{"measures":[{"metric":"new_bugs","value":3}]}})", 10); },
      "measures: component.measures[0].value: expected a string, got a number");
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused_without_a_crash) {
  const std::size_t depth = 100000;
  const std::string nested = std::string(depth, '[') + std::string(depth, ']');
  try {
    read_sarif(R"({"version":"2.1.0","runs":)" + nested + "}");
    BOOST_ERROR("accepted nesting deeper than the bound");
  } catch (const SonarError& e) {
    BOOST_TEST(std::string(e.what()).rfind("sarif: not valid JSON: ", 0) == 0u);
  }
  const std::string shallow =
      std::string(kMaxJsonDepth - 2, '[') + std::string(kMaxJsonDepth - 2, ']');
  expect_invalid([&] { read_gate(R"({"projectStatus":)" + shallow + "}"); },
                 "gate: projectStatus: expected an object, got an array");
}

BOOST_AUTO_TEST_CASE(sarif_uri_that_does_not_decode_is_refused) {
  const std::string head =
      R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"T"}},"results":[{"message":)"
      R"({"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":")";
  expect_invalid([&] { read_sarif(head + R"(src/100%.js"}}}]}]}]})"); },
                 "sarif: runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri: "
                 "not a URI: a '%' is not followed by two hex digits");
  expect_invalid([&] { read_sarif(head + R"(src/%FF.js"}}}]}]}]})"); },
                 "sarif: runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri: "
                 "decodes to invalid UTF-8");
}

BOOST_AUTO_TEST_CASE(sarif_of_another_version_is_refused) {
  expect_invalid([] { read_sarif(R"({"version":"2.0.0","runs":[]})"); },
                 "sarif: version: expected \"2.1.0\"; only SARIF 2.1.0 is read");
  expect_invalid([] { read_sarif(R"({"version":2.1,"runs":[]})"); },
                 "sarif: version: expected \"2.1.0\"; only SARIF 2.1.0 is read");
  expect_invalid([] { read_sarif(R"({"runs":[]})"); }, "sarif: version: missing");
  expect_invalid([] { read_sarif(R"({"version":"2.1.0","runs":[{"tool":{}}]})"); },
                 "sarif: runs[0].tool.driver: missing");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::sonar
