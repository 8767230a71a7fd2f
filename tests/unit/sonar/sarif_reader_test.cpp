#include "sonar/sarif_reader.h"

#include <boost/test/unit_test.hpp>

#include "runtime/sha256.h"
#include "sonar_fixtures.h"

namespace cib::sonar {

using test::fixture;

BOOST_AUTO_TEST_SUITE(sarif_reader)

BOOST_AUTO_TEST_CASE(codeql_run_is_one_report_with_fingerprint_ids) {
  const std::vector<SarifReport> reports = read_sarif(fixture("sarif_codeql.json"));
  BOOST_REQUIRE_EQUAL(reports.size(), 1u);
  const SarifReport& report = reports[0];
  BOOST_TEST(report.report_id == "codeql");
  BOOST_TEST(report.content.title == "CodeQL");
  BOOST_TEST(report.content.reporter == "CodeQL");
  BOOST_TEST(report.content.result == ReportResult::failed);
  BOOST_REQUIRE_EQUAL(report.content.annotations.size(), 2u);
  const Annotation& xss = report.content.annotations[0];
  BOOST_TEST(xss.id == "c4f1b9e2a3d07a55:1");  // primaryLocationLineHash sorts first
  BOOST_TEST(xss.path == "src/server/routes.js");
  BOOST_TEST(xss.line == 27);
  BOOST_TEST(xss.severity == Severity::high);
  BOOST_TEST(xss.details == "Rule js/reflected-xss");
  BOOST_TEST(xss.type == FindingType::vulnerability);  // the rule is tagged "security"
  const Annotation& unused = report.content.annotations[1];
  BOOST_TEST(unused.severity == Severity::low);
  BOOST_TEST(unused.path == "src/client/übersicht.js");
  BOOST_TEST(unused.summary == "Unused variable tmpé.");
  BOOST_TEST(unused.type == FindingType::code_smell);
}

BOOST_AUTO_TEST_CASE(eslint_run_without_fingerprints_hashes_rule_path_and_message) {
  const std::vector<SarifReport> reports = read_sarif(fixture("sarif_eslint.json"));
  BOOST_REQUIRE_EQUAL(reports.size(), 1u);
  const std::vector<Annotation>& findings = reports[0].content.annotations;
  BOOST_REQUIRE_EQUAL(findings.size(), 3u);
  BOOST_TEST(reports[0].report_id == "eslint");
  BOOST_TEST(findings[0].severity == Severity::medium);
  BOOST_TEST(findings[0].path == "/builds/acme/ui/src/app/cart.js");
  BOOST_TEST(findings[0].line == 10);
  BOOST_TEST(findings[0].id == sha256_hex("no-unused-vars\n/builds/acme/ui/src/app/cart.js\n"
                                          "'total' is assigned a value but never used."));
  BOOST_TEST(findings[0].type == FindingType::code_smell);
  BOOST_TEST(findings[1].severity == Severity::high);
  BOOST_TEST(findings[1].type == FindingType::bug);
  BOOST_TEST(findings[2].severity == Severity::medium);  // no level
  BOOST_TEST(findings[2].path == "src/app/log.js");
}

BOOST_AUTO_TEST_CASE(a_line_shift_keeps_the_id) {
  std::string text = fixture("sarif_eslint.json");
  const std::string before = read_sarif(text)[0].content.annotations[0].id;
  text.replace(text.find("\"startLine\": 10"), 15, "\"startLine\": 14");
  const Annotation shifted = read_sarif(text)[0].content.annotations[0];
  BOOST_TEST(shifted.line == 14);
  BOOST_TEST(shifted.id == before);
}

BOOST_AUTO_TEST_CASE(each_run_is_a_report_and_a_clean_run_passes) {
  const std::vector<SarifReport> reports = read_sarif(
      R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"Semgrep OSS"}},"results":[]},)"
      R"({"tool":{"driver":{"name":"ESLint"}},"results":[{"level":"note","message":{"text":"n"}}]}]})");
  BOOST_REQUIRE_EQUAL(reports.size(), 2u);
  BOOST_TEST(reports[0].report_id == "semgrep-oss");
  BOOST_TEST(reports[0].content.result == ReportResult::passed);
  BOOST_TEST(reports[0].content.annotations.empty());
  BOOST_TEST(reports[1].content.result == ReportResult::passed);
  BOOST_TEST(reports[1].content.annotations[0].path.empty());
}

BOOST_AUTO_TEST_CASE(a_result_without_level_takes_its_rules_default_level) {
  const std::vector<SarifReport> reports = read_sarif(
      R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"T","rules":[)"
      R"({"id":"r1","defaultConfiguration":{"level":"note"}},)"
      R"({"id":"r2","defaultConfiguration":{"level":"error"}}]}},)"
      R"("results":[{"ruleId":"r1","message":{"text":"a"}},{"ruleId":"r2","message":{"text":"b"}},)"
      R"({"ruleId":"r2","level":"warning","message":{"text":"c"}}]}]})");
  const std::vector<Annotation>& findings = reports.at(0).content.annotations;
  BOOST_REQUIRE_EQUAL(findings.size(), 3u);
  BOOST_TEST(findings[0].severity == Severity::low);
  BOOST_TEST(findings[1].severity == Severity::high);
  BOOST_TEST(findings[2].severity == Severity::medium);
  BOOST_TEST(reports[0].content.result == ReportResult::failed);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::sonar
