#include <boost/test/unit_test.hpp>

#include "sonar/sonar_analysis.h"
#include "sonar_fixtures.h"

namespace cib::sonar {

using test::fixture;

BOOST_AUTO_TEST_SUITE(sonar_analysis)

BOOST_AUTO_TEST_CASE(answers_make_one_report) {
  SonarAnswers answers;
  answers.issue_pages = {fixture("issues_page1.json"), fixture("issues_page2.json")};
  answers.gate = fixture("gate_error.json");
  answers.measures = fixture("measures.json");
  answers.dashboard_url = "https://sonar.acme.example/dashboard?id=acme_web&pullRequest=42";
  answers.max_data_fields = 4;
  const ReportContent report = read_sonar_analysis(answers);
  BOOST_TEST(report.title == "SonarQube");
  BOOST_TEST(report.reporter == "SonarQube");
  BOOST_TEST(report.link == answers.dashboard_url);
  BOOST_TEST(report.result == ReportResult::failed);
  BOOST_TEST(report.details.find("Coverage on new code 71.2% < 80%") == 0u);
  BOOST_TEST(report.data.size() == 4u);
  BOOST_TEST(report.annotations.size() == 3u);
}

BOOST_AUTO_TEST_CASE(no_gate_is_pending_and_no_issues_is_an_empty_report) {
  SonarAnswers answers;
  answers.issue_pages = {R"({"issues":[]})"};
  const ReportContent report = read_sonar_analysis(answers);
  BOOST_TEST(report.result == ReportResult::pending);
  BOOST_TEST(report.details.empty());
  BOOST_TEST(report.data.empty());
  BOOST_TEST(report.annotations.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::sonar
