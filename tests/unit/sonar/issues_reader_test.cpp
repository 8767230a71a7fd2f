#include "sonar/issues_reader.h"

#include <boost/test/unit_test.hpp>
#include <set>

#include "sonar_fixtures.h"

namespace cib::sonar {
namespace {

using test::fixture;
using test::generated_page;

const Annotation* find(const std::vector<Annotation>& findings, const std::string& id) {
  for (const Annotation& finding : findings) {
    if (finding.id == id) return &finding;
  }
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(issues_reader)

BOOST_AUTO_TEST_CASE(two_pages_give_open_findings_once_in_page_order) {
  const std::vector<Annotation> findings =
      read_issue_pages({fixture("issues_page1.json"), fixture("issues_page2.json")});
  BOOST_REQUIRE_EQUAL(findings.size(), 3u);
  BOOST_TEST(findings[0].id == "AYx1-bug-null");
  BOOST_TEST(findings[1].id == "AYx3-unicode");
  BOOST_TEST(findings[2].id == "AYx5-vuln");
  BOOST_TEST(!find(findings, "AYx2-closed"));
  BOOST_TEST(!find(findings, "AYx4-resolved"));
}

BOOST_AUTO_TEST_CASE(finding_fields_come_from_the_issue) {
  const std::vector<Annotation> findings =
      read_issue_pages({fixture("issues_page1.json"), fixture("issues_page2.json")});
  const Annotation& bug = findings[0];
  BOOST_TEST(bug.path == "src/main/java/com/acme/App.java");
  BOOST_TEST(bug.line == 42);
  BOOST_TEST(bug.severity == Severity::high);
  BOOST_TEST(bug.type == FindingType::bug);
  BOOST_TEST(bug.summary ==
             "A \"NullPointerException\" could be thrown; \"user\" is nullable here.");
  BOOST_TEST(bug.details == "Rule java:S2259");
  BOOST_TEST(bug.link.empty());
  const Annotation& vulnerability = findings[2];
  BOOST_TEST(vulnerability.line == 88);  // textRange.startLine
  BOOST_TEST(vulnerability.severity == Severity::critical);
  BOOST_TEST(vulnerability.type == FindingType::vulnerability);
}

BOOST_AUTO_TEST_CASE(unicode_path_without_component_entry_loses_the_project_prefix) {
  const std::vector<Annotation> findings = read_issue_pages({fixture("issues_page1.json")});
  const Annotation* smell = find(findings, "AYx3-unicode");
  BOOST_REQUIRE(smell);
  BOOST_TEST(smell->path == "src/main/java/com/acme/Übersicht.java");
  BOOST_TEST(smell->summary ==
             "Définir une constante au lieu de dupliquer ce littéral « 日本語 » 3 fois.");
  BOOST_TEST(smell->severity == Severity::critical);
  BOOST_TEST(smell->type == FindingType::code_smell);
}

BOOST_AUTO_TEST_CASE(rule_link_uses_the_server_url) {
  const std::vector<Annotation> findings =
      read_issue_pages({fixture("issues_page1.json")}, {"https://sonar.acme.example/"});
  BOOST_TEST(findings[0].link ==
             "https://sonar.acme.example/coding_rules?open=java%3AS2259&rule_key=java%3AS2259");
}

BOOST_AUTO_TEST_CASE(highest_impact_of_10x_gives_severity_and_type) {
  const std::vector<Annotation> findings = read_issue_pages({fixture("issues_impacts_10x.json")});
  BOOST_REQUIRE_EQUAL(findings.size(), 2u);
  BOOST_TEST(findings[0].severity == Severity::high);
  BOOST_TEST(findings[0].type == FindingType::bug);  // from the RELIABILITY impact
  BOOST_TEST(findings[0].path == "src/app/cart.ts");
  BOOST_TEST(findings[1].severity == Severity::critical);  // BLOCKER impact over MINOR
  BOOST_TEST(findings[1].type == FindingType::vulnerability);
}

BOOST_AUTO_TEST_CASE(hotspots_are_vulnerabilities_and_reviewed_ones_are_left_out) {
  const std::vector<Annotation> findings = read_issue_pages({fixture("hotspots.json")});
  BOOST_REQUIRE_EQUAL(findings.size(), 1u);
  BOOST_TEST(findings[0].id == "AXh1-hotspot");
  BOOST_TEST(findings[0].type == FindingType::vulnerability);
  BOOST_TEST(findings[0].severity == Severity::high);
  BOOST_TEST(findings[0].path == "src/main/java/com/acme/Crypto.java");
  BOOST_TEST(findings[0].details == "Rule java:S4790");
}

BOOST_AUTO_TEST_CASE(issue_type_security_hotspot_is_a_vulnerability) {
  const std::string page =
      R"({"issues":[{"key":"h1","rule":"java:S4790","severity":"MINOR","component":"p:a.java",)"
      R"("project":"p","line":3,"status":"TO_REVIEW","message":"m","type":"SECURITY_HOTSPOT"}]})";
  const std::vector<Annotation> findings = read_issue_pages({page});
  BOOST_REQUIRE_EQUAL(findings.size(), 1u);
  BOOST_TEST(findings[0].type == FindingType::vulnerability);
  BOOST_TEST(findings[0].severity == Severity::medium);
}

BOOST_AUTO_TEST_CASE(no_pages_and_pages_without_issues_are_an_empty_analysis) {
  BOOST_TEST(read_issue_pages({}).empty());
  BOOST_TEST(read_issue_pages({R"({"paging":{"total":0},"issues":[],"components":[]})"}).empty());
}

BOOST_AUTO_TEST_CASE(fifteen_hundred_findings_over_three_pages) {
  const std::vector<Annotation> findings =
      read_issue_pages({generated_page("big", "k", 0, 500), generated_page("big", "k", 500, 500),
                        generated_page("big", "k", 1000, 500)});
  BOOST_REQUIRE_EQUAL(findings.size(), 1500u);
  std::set<std::string> ids;
  for (const Annotation& finding : findings) ids.insert(finding.id);
  BOOST_TEST(ids.size() == 1500u);
  BOOST_TEST(findings[1499].id == "k-1499");
  BOOST_TEST(findings[1499].path == "src/module19/file1499.cpp");
  BOOST_TEST(findings[1499].severity == Severity::low);  // 1499 % 5 == 4: INFO
}

BOOST_AUTO_TEST_CASE(ten_thousand_findings_parse) {
  std::vector<std::string> pages;
  for (std::size_t first = 0; first < 10000; first += 500) {
    pages.push_back(generated_page("big", "k", first, 500));
  }
  BOOST_TEST(read_issue_pages(pages).size() == 10000u);
}

BOOST_AUTO_TEST_CASE(a_page_repeated_counts_once) {
  const std::string page = generated_page("p", "x", 0, 20);
  BOOST_TEST(read_issue_pages({page, page, page}).size() == 20u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::sonar
