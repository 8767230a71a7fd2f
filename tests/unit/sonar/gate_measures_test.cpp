#include <boost/test/unit_test.hpp>

#include "sonar/gate_reader.h"
#include "sonar/measures_reader.h"
#include "sonar_fixtures.h"

namespace cib::sonar {

using test::fixture;

BOOST_AUTO_TEST_SUITE(gate_reader)

BOOST_AUTO_TEST_CASE(failed_gate_lists_failed_conditions_in_words) {
  const GateOutcome gate = read_gate(fixture("gate_error.json"));
  BOOST_TEST(gate.result == ReportResult::failed);
  BOOST_TEST(gate.details ==
             "Coverage on new code 71.2% < 80%; Reliability rating on new code C > A; "
             "new_custom_metric 4 > 0");
}

BOOST_AUTO_TEST_CASE(ok_and_warn_pass_and_none_is_pending) {
  BOOST_TEST(read_gate(R"({"projectStatus":{"status":"OK","conditions":[]}})").result ==
             ReportResult::passed);
  const GateOutcome warn = read_gate(
      R"({"projectStatus":{"status":"WARN","conditions":[{"status":"WARN","metricKey":"coverage",)"
      R"("comparator":"LT","warningThreshold":"90","actualValue":"85.0"}]}})");
  BOOST_TEST(warn.result == ReportResult::passed);
  BOOST_TEST(warn.details.empty());
  BOOST_TEST(read_gate(R"({"projectStatus":{"status":"NONE"}})").result == ReportResult::pending);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(measures_reader)

BOOST_AUTO_TEST_CASE(present_measures_become_data_fields_in_order) {
  const std::vector<ReportData> data = read_measures(fixture("measures.json"), 10);
  BOOST_REQUIRE_EQUAL(data.size(), 6u);
  BOOST_TEST(data[0].title == "New bugs");
  BOOST_TEST(data[0].value == "2");
  BOOST_TEST((data[0].type == DataType::number));
  BOOST_TEST(data[1].title == "New vulnerabilities");  // from periods[0] of an older server
  BOOST_TEST(data[1].value == "1");
  BOOST_TEST(data[2].title == "New code smells");
  BOOST_TEST(data[3].title == "Coverage on new code");
  BOOST_TEST((data[3].type == DataType::percentage));
  BOOST_TEST(data[3].value == "71.2");
  BOOST_TEST(data[4].title == "Coverage");
  BOOST_TEST(data[5].title == "Duplicated lines");
  BOOST_TEST(data[5].value == "2.7");
}

BOOST_AUTO_TEST_CASE(fields_stop_at_the_hosts_limit) {
  const std::vector<ReportData> data = read_measures(fixture("measures.json"), 2);
  BOOST_REQUIRE_EQUAL(data.size(), 2u);
  BOOST_TEST(data[1].title == "New vulnerabilities");
  BOOST_TEST(read_measures(fixture("measures.json"), 0).empty());
}

BOOST_AUTO_TEST_CASE(a_limit_drops_the_overall_counts_first) {
  std::string measures = R"({"component":{"key":"p","measures":[)";
  for (const char* metric :
       {"security_hotspots", "code_smells", "vulnerabilities", "bugs", "duplicated_lines_density",
        "coverage", "new_security_hotspots", "new_duplicated_lines_density", "new_coverage",
        "new_code_smells", "new_vulnerabilities", "new_bugs"}) {
    measures += std::string(R"({"metric":")") + metric + R"(","value":"1"},)";
  }
  measures.back() = ']';
  measures += "}}";
  const std::vector<ReportData> data = read_measures(measures, 10);
  BOOST_REQUIRE_EQUAL(data.size(), 10u);
  BOOST_TEST(data[0].title == "New bugs");
  BOOST_TEST(data[6].title == "Coverage");
  BOOST_TEST(data[7].title == "Duplicated lines");
  BOOST_TEST(data[8].title == "Bugs");
  BOOST_TEST(data[9].title == "Vulnerabilities");
}

BOOST_AUTO_TEST_CASE(no_measures_no_fields) {
  BOOST_TEST(read_measures(R"({"component":{"key":"p","measures":[]}})", 10).empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::sonar
