// GET api/issues/search: supplied and generated issues, paging, the resolved filter, the
// components array and the server's 10,000-result window.
#include <boost/test/unit_test.hpp>
#include <set>

#include "forge_sim.h"
#include "sim_client.h"

using cib::test::ForgeSim;
using cib::test::SimClient;

namespace {

const std::string kIssues =
    R"([{"key":"AX-1","rule":"cpp:S1481","severity":"MINOR","component":"acme_web:src/a.cpp",)"
    R"("line":3,"textRange":{"startLine":3,"endLine":3,"startOffset":4,"endOffset":9},)"
    R"("message":"Remove the unused variable \"x\".","type":"CODE_SMELL","status":"OPEN"},)"
    R"({"key":"AX-2","rule":"cpp:S3519","severity":"BLOCKER","component":"acme_web:src/b/é.cpp",)"
    R"("line":9,"message":"Access beyond the buffer.","type":"BUG","status":"OPEN"},)"
    R"({"key":"AX-3","rule":"cpp:S1481","severity":"MINOR","component":"acme_web:src/a.cpp",)"
    R"("line":7,"message":"Fixed already.","type":"CODE_SMELL","status":"CLOSED",)"
    R"("resolution":"FIXED"}])";

std::string search(const ForgeSim& sim, const std::string& query) {
  return sim.origin() + "/api/issues/search?" + query;
}

void load(const ForgeSim& sim, const std::string& body) {
  BOOST_REQUIRE(sim.control("POST", "/_sim/sonar/analysis", body).find("analysisId") !=
                std::string::npos);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sonar_issues)

BOOST_AUTO_TEST_CASE(open_issues_of_the_pull_request_with_their_components) {
  ForgeSim sim;
  load(sim, R"({"project":"acme_web","pullRequest":"42","issues":)" + kIssues + "}");
  SimClient client(sim.origin());
  const auto reply =
      client.get(search(sim, "componentKeys=acme_web&pullRequest=42&resolved=false&ps=500&p=1"));
  BOOST_TEST(reply.status == 200);
  const auto page = reply.json();
  BOOST_TEST(page->getValue<long>("total") == 2);
  BOOST_TEST(page->getObject("paging")->getValue<long>("total") == 2);
  const auto issues = page->getArray("issues");
  BOOST_REQUIRE(issues->size() == 2u);
  BOOST_TEST(issues->getObject(0)->getValue<std::string>("key") == "AX-1");
  BOOST_TEST(issues->getObject(0)->getValue<std::string>("project") == "acme_web");
  BOOST_TEST(issues->getObject(1)->getValue<std::string>("message") == "Access beyond the buffer.");
  const auto components = page->getArray("components");
  BOOST_REQUIRE(components->size() == 2u);
  BOOST_TEST(components->getObject(1)->getValue<std::string>("path") == "src/b/é.cpp");
  BOOST_TEST(components->getObject(1)->getValue<std::string>("name") == "é.cpp");
  BOOST_TEST(components->getObject(1)->getValue<std::string>("qualifier") == "FIL");

  const auto all = client.get(search(sim, "componentKeys=acme_web&pullRequest=42"));
  BOOST_TEST(all.json()->getValue<long>("total") == 3);
  const auto resolved = client.get(search(sim, "components=acme_web&pullRequest=42&resolved=true"));
  BOOST_TEST(resolved.json()->getArray("issues")->getObject(0)->getValue<std::string>("key") ==
             "AX-3");
}

BOOST_AUTO_TEST_CASE(generated_issues_page_through_with_every_key_once) {
  ForgeSim sim;
  load(sim, R"({"project":"acme_web","pullRequest":"7","generate":{"count":1234,"seed":11}})");
  SimClient client(sim.origin());
  std::set<std::string> keys;
  for (int p = 1; p <= 3; ++p) {
    const auto page = client
                          .get(search(sim,
                                      "componentKeys=acme_web&pullRequest=7&resolved=false"
                                      "&ps=500&p=" +
                                          std::to_string(p)))
                          .json();
    BOOST_TEST(page->getValue<long>("p") == p);
    BOOST_TEST(page->getValue<long>("ps") == 500);
    BOOST_TEST(page->getObject("paging")->getValue<long>("pageIndex") == p);
    BOOST_TEST(page->getObject("paging")->getValue<long>("pageSize") == 500);
    BOOST_TEST(page->getObject("paging")->getValue<long>("total") == 1234);
    const auto issues = page->getArray("issues");
    BOOST_TEST(issues->size() == (p < 3 ? 500u : 234u));
    for (std::size_t i = 0; i < issues->size(); ++i) {
      const auto issue = issues->getObject(static_cast<unsigned>(i));
      keys.insert(issue->getValue<std::string>("key"));
      BOOST_TEST(issue->getValue<std::string>("pullRequest") == "7");
      BOOST_TEST(issue->getObject("textRange")->getValue<int>("startLine") ==
                 issue->getValue<int>("line"));
      BOOST_TEST(issue->getArray("impacts")->size() == 1u);
    }
    BOOST_TEST(page->getArray("components")->size() > 1u);
  }
  BOOST_TEST(keys.size() == 1234u);
  const auto past_the_end =
      client.get(search(sim, "componentKeys=acme_web&pullRequest=7&ps=500&p=4")).json();
  BOOST_TEST(past_the_end->getArray("issues")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_issues) {
  ForgeSim one;
  ForgeSim two;
  load(one, R"({"project":"p","generate":{"count":50,"seed":3}})");
  load(two, R"({"project":"p","generate":{"count":50,"seed":3}})");
  SimClient first(one.origin());
  SimClient second(two.origin());
  const auto a = first.get(search(one, "componentKeys=p&ps=50")).body;
  BOOST_TEST(a == second.get(search(two, "componentKeys=p&ps=50")).body);
  two.control("POST", "/_sim/sonar/analysis",
              R"({"project":"p","generate":{"count":50,"seed":4}})");
  BOOST_TEST(a != second.get(search(two, "componentKeys=p&ps=50")).body);
}

BOOST_AUTO_TEST_CASE(results_past_ten_thousand_are_refused_as_sonarqube_does) {
  ForgeSim sim;
  load(sim, R"({"project":"big","generate":{"count":10200,"seed":1}})");
  SimClient client(sim.origin());
  const auto last = client.get(search(sim, "componentKeys=big&ps=500&p=20"));
  BOOST_TEST(last.status == 200);
  BOOST_TEST(last.json()->getValue<long>("total") == 10200);
  BOOST_TEST(last.json()->getArray("issues")->size() == 500u);
  const auto beyond = client.get(search(sim, "componentKeys=big&ps=500&p=21"));
  BOOST_TEST(beyond.status == 400);
  BOOST_TEST(beyond.sonar_error() ==
             "Can return only the first 10000 results. 10500th result asked.");
}

BOOST_AUTO_TEST_CASE(page_size_above_500_and_bad_numbers_are_400) {
  ForgeSim sim;
  load(sim, R"({"project":"p"})");
  SimClient client(sim.origin());
  const auto too_big = client.get(search(sim, "componentKeys=p&ps=501"));
  BOOST_TEST(too_big.status == 400);
  BOOST_TEST(too_big.sonar_error() == "'ps' value (501) must be less than 500");
  BOOST_TEST(client.get(search(sim, "componentKeys=p&p=zero")).status == 400);
  BOOST_TEST(client.get(search(sim, "componentKeys=p&p=0")).status == 400);
  BOOST_TEST(client.get(search(sim, "ps=10")).status == 400);
  const auto page = client.get(search(sim, "componentKeys=p")).json();
  BOOST_TEST(page->getValue<long>("ps") == 100);  // SonarQube's default
  BOOST_TEST(page->getValue<long>("total") == 0);
}

BOOST_AUTO_TEST_CASE(issues_of_another_pull_request_or_project_are_not_found) {
  ForgeSim sim;
  load(sim, R"({"project":"acme_web","pullRequest":"42","issues":)" + kIssues + "}");
  SimClient client(sim.origin());
  const auto other_pr = client.get(search(sim, "componentKeys=acme_web&pullRequest=41"));
  BOOST_TEST(other_pr.status == 404);
  BOOST_TEST(other_pr.sonar_error() == "Component 'acme_web' on pull request '41' not found");
  BOOST_TEST(client.get(search(sim, "componentKeys=other&pullRequest=42")).status == 404);
  BOOST_TEST(client.get(search(sim, "componentKeys=acme_web")).status == 404);  // main branch
}

BOOST_AUTO_TEST_CASE(a_new_analysis_of_the_same_pull_request_replaces_the_old_one) {
  ForgeSim sim;
  load(sim, R"({"project":"acme_web","pullRequest":"42","issues":)" + kIssues + "}");
  load(sim, R"({"project":"acme_web","pullRequest":"42","generate":{"count":5,"seed":2}})");
  SimClient client(sim.origin());
  const auto page = client.get(search(sim, "componentKeys=acme_web&pullRequest=42")).json();
  BOOST_TEST(page->getValue<long>("total") == 5);
}

BOOST_AUTO_TEST_SUITE_END()
