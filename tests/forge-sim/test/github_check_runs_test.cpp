// forge-sim as GitHub: check runs (only for an App's installation token), their 50-annotation
// cap per request, annotations appended by PATCH, and the newest run of a name as the report.
#include <Poco/JSON/Array.h>

#include <boost/test/unit_test.hpp>

#include "github_sim.h"

using cib::test::GithubAppKey;
using cib::test::GithubSim;
using cib::test::kGithubRepo;
using cib::test::SimClient;

namespace {

const std::string kCheckRuns = kGithubRepo + "/check-runs";

std::string annotations(int first, int count, const std::string& level = "warning") {
  std::string out = "[";
  for (int i = first; i < first + count; ++i) {
    if (i > first) out += ",";
    out += R"({"path":"src/a.cpp","start_line":)" + std::to_string(i) + R"(,"end_line":)" +
           std::to_string(i) + R"(,"annotation_level":")" + level + R"(","message":"m)" +
           std::to_string(i) + R"(","title":"F)" + std::to_string(i) + R"("})";
  }
  return out + "]";
}

std::string create_body(int annotation_count, const std::string& status_fields) {
  return R"({"name":"Sonar","head_sha":"abc123","external_id":"sonar",)" + status_fields +
         R"(,"details_url":"https://ci.example/r","output":{"title":"Sonar","summary":"2 issues",)"
         R"("annotations":)" +
         annotations(1, annotation_count) + "}}";
}

// An App's sim and a client holding an installation token.
struct AppSim {
  AppSim() : gh({}, &key), app(gh.sim.origin(), "Bearer " + gh.installation_token(key)) {}

  Poco::JSON::Object::Ptr report() const {
    return gh.sim.state()
        ->getObject("reports")
        ->getObject("acme/web")
        ->getObject("abc123")
        ->getObject("sonar");
  }

  GithubAppKey key;
  GithubSim gh;
  SimClient app;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(github_check_runs)

BOOST_AUTO_TEST_CASE(a_personal_token_may_not_create_a_check_run) {
  GithubSim gh;
  const auto reply = gh.client.post(
      gh.api(kCheckRuns), create_body(1, R"("status":"completed","conclusion":"success")"));
  BOOST_TEST(reply.status == 403);
  BOOST_TEST(reply.json()->getValue<std::string>("message") ==
             "You must authenticate via a GitHub App.");
  BOOST_TEST(gh.sim.state()->getObject("reports")->size() == 0u);
  // Reading is allowed to anyone.
  BOOST_TEST(gh.client.get(gh.api(kGithubRepo + "/commits/abc123/check-runs")).status == 200);
}

BOOST_AUTO_TEST_CASE(a_completed_check_run_is_the_report_with_its_annotations) {
  AppSim s;
  const auto created = s.app.post(s.gh.api(kCheckRuns),
                                  create_body(3, R"("status":"completed","conclusion":"failure")"));
  BOOST_TEST(created.status == 201);
  const auto run = created.json();
  BOOST_TEST(run->getValue<std::string>("conclusion") == "failure");
  BOOST_TEST(run->getObject("output")->getValue<int>("annotations_count") == 3);

  const auto report = s.report();
  BOOST_TEST(report->getValue<std::string>("result") == "FAILED");
  BOOST_TEST(report->getValue<std::string>("link") == "https://ci.example/r");
  BOOST_TEST(report->getObject("annotations")->size() == 3u);
  BOOST_TEST(report->getObject("annotations")->getObject("F2")->getValue<std::string>("summary") ==
             "m2");

  const auto id = std::to_string(run->getValue<long>("id"));
  const auto listed = s.app.get(s.gh.api(kCheckRuns + "/" + id + "/annotations")).json_array();
  BOOST_TEST(listed->size() == 3u);
  BOOST_TEST(listed->getObject(0)->getValue<std::string>("annotation_level") == "warning");
  const auto of_commit = s.app.get(s.gh.api(kGithubRepo + "/commits/abc123/check-runs")).json();
  BOOST_TEST(of_commit->getValue<int>("total_count") == 1);
}

BOOST_AUTO_TEST_CASE(more_than_50_annotations_in_one_request_are_refused) {
  AppSim s;
  const auto reply = s.app.post(s.gh.api(kCheckRuns),
                                create_body(51, R"("status":"completed","conclusion":"success")"));
  BOOST_TEST(reply.status == 422);
  BOOST_TEST(s.gh.sim.stats()->getValue<int>("invalid") == 1);
  BOOST_TEST(s.gh.sim.state()->getObject("reports")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(a_patch_appends_annotations_and_completes_the_run) {
  AppSim s;
  const auto created =
      s.app.post(s.gh.api(kCheckRuns), create_body(50, R"("status":"in_progress")"));
  BOOST_TEST(created.status == 201);
  BOOST_TEST(s.report()->getValue<std::string>("result") == "PENDING");
  const auto item =
      s.gh.api(kCheckRuns + "/" + std::to_string(created.json()->getValue<long>("id")));
  const auto patched = s.app.send(
      "PATCH", item,
      R"({"conclusion":"success","output":{"title":"Sonar","summary":"60 issues","annotations":)" +
          annotations(51, 10) + "}}");
  BOOST_TEST(patched.status == 200);
  BOOST_TEST(patched.json()->getValue<std::string>("status") == "completed");
  BOOST_TEST(patched.json()->getObject("output")->getValue<int>("annotations_count") == 60);
  BOOST_TEST(s.report()->getValue<std::string>("result") == "PASSED");
  BOOST_TEST(s.report()->getObject("annotations")->size() == 60u);
  // Annotations only append: the same ones again are held twice by the run.
  s.app.send(
      "PATCH", item,
      R"({"output":{"title":"Sonar","summary":"s","annotations":)" + annotations(1, 2) + "}}");
  BOOST_TEST(s.app.get(item).json()->getObject("output")->getValue<int>("annotations_count") == 62);
  BOOST_TEST(s.report()->getObject("annotations")->size() == 62u);
  BOOST_TEST(s.report()->getObject("annotations")->has("F2#2"));
}

BOOST_AUTO_TEST_CASE(completed_without_a_conclusion_is_refused) {
  AppSim s;
  const auto reply = s.app.post(s.gh.api(kCheckRuns), create_body(0, R"("status":"completed")"));
  BOOST_TEST(reply.status == 422);
}

BOOST_AUTO_TEST_CASE(the_newest_run_of_a_name_replaces_the_report) {
  AppSim s;
  s.app.post(s.gh.api(kCheckRuns),
             create_body(3, R"("status":"completed","conclusion":"failure")"));
  const auto second = s.app.post(s.gh.api(kCheckRuns),
                                 create_body(1, R"("status":"completed","conclusion":"success")"));
  BOOST_TEST(second.status == 201);
  BOOST_TEST(s.report()->getValue<std::string>("result") == "PASSED");
  BOOST_TEST(s.report()->getObject("annotations")->size() == 1u);
  BOOST_TEST(s.report()->getValue<long>("check_run_id") == second.json()->getValue<long>("id"));
}

BOOST_AUTO_TEST_SUITE_END()
