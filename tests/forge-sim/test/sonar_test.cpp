// The SonarQube endpoints: the compute-engine task, the quality gate, the measures, and
// SonarQube's authentication; how their requests are logged apart from the host's.
#include <Poco/Base64Encoder.h>

#include <boost/test/unit_test.hpp>
#include <sstream>
#include <stdexcept>

#include "forge_sim.h"
#include "sim_client.h"

using cib::test::ForgeSim;
using cib::test::ForgeSimOptions;
using cib::test::SimClient;

namespace {

const std::string kGate =
    R"({"status":"ERROR","ignoredConditions":false,"conditions":[{"status":"ERROR",)"
    R"("metricKey":"new_coverage","comparator":"LT","errorThreshold":"80","actualValue":"71.2"}]})";
const std::string kMeasures = R"([{"metric":"new_bugs","period":{"index":1,"value":"2"}},)"
                              R"({"metric":"coverage","value":"71.2","bestValue":false},)"
                              R"({"metric":"duplicated_lines_density","value":"1.5"}])";

std::string load(const ForgeSim& sim, const std::string& body) {
  return sim.control("POST", "/_sim/sonar/analysis", body);
}

// The control API's answer to a body it refuses (ForgeSim::control throws on a non-2xx).
std::string load_error(const ForgeSim& sim, const std::string& body) {
  try {
    load(sim, body);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "accepted";
}

std::string basic(const std::string& user_and_password) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder << user_and_password;
  encoder.close();
  return "Basic " + out.str();
}

std::string task_status(SimClient& client, const ForgeSim& sim, const std::string& id) {
  const auto reply = client.get(sim.origin() + "/api/ce/task?id=" + id);
  BOOST_REQUIRE(reply.status == 200);
  return reply.json()->getObject("task")->getValue<std::string>("status");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sonar)

BOOST_AUTO_TEST_CASE(task_is_pending_then_in_progress_then_succeeds_with_its_analysis) {
  ForgeSim sim;
  BOOST_TEST(load(sim, R"({"project":"acme_web","pullRequest":42,"analysisId":"AN-1",)"
                       R"("task":{"id":"T-1","pending_polls":2,"in_progress_polls":1}})")
                 .find("\"taskId\":\"T-1\"") != std::string::npos);
  SimClient client(sim.origin());
  BOOST_TEST(task_status(client, sim, "T-1") == "PENDING");
  BOOST_TEST(task_status(client, sim, "T-1") == "PENDING");
  BOOST_TEST(task_status(client, sim, "T-1") == "IN_PROGRESS");
  const auto done = client.get(sim.origin() + "/api/ce/task?id=T-1").json()->getObject("task");
  BOOST_TEST(done->getValue<std::string>("status") == "SUCCESS");
  BOOST_TEST(done->getValue<std::string>("analysisId") == "AN-1");
  BOOST_TEST(done->getValue<std::string>("componentKey") == "acme_web");
  BOOST_TEST(done->getValue<std::string>("pullRequest") == "42");
  BOOST_TEST(!done->has("errorMessage"));
}

BOOST_AUTO_TEST_CASE(pending_task_has_no_analysis_id_yet) {
  ForgeSim sim;
  load(sim, R"({"project":"acme_web","task":{"id":"T-2","pending_polls":1}})");
  SimClient client(sim.origin());
  const auto task = client.get(sim.origin() + "/api/ce/task?id=T-2").json()->getObject("task");
  BOOST_TEST(task->getValue<std::string>("status") == "PENDING");
  BOOST_TEST(!task->has("analysisId"));
  BOOST_TEST(task->getValue<std::string>("branch") == "main");
}

BOOST_AUTO_TEST_CASE(task_fails_or_is_canceled_with_its_message_when_told_to) {
  ForgeSim sim;
  load(sim, R"({"project":"acme_web","task":{"id":"T-F","in_progress_polls":1,"end":"FAILED",)"
            R"("error_message":"Unsupported language: cobol"}})");
  load(sim, R"({"project":"acme_web","task":{"id":"T-C","end":"CANCELED",)"
            R"("error_message":"Canceled by an administrator"}})");
  SimClient client(sim.origin());
  BOOST_TEST(task_status(client, sim, "T-F") == "IN_PROGRESS");
  const auto failed = client.get(sim.origin() + "/api/ce/task?id=T-F").json()->getObject("task");
  BOOST_TEST(failed->getValue<std::string>("status") == "FAILED");
  BOOST_TEST(failed->getValue<std::string>("errorMessage") == "Unsupported language: cobol");
  BOOST_TEST(!failed->has("analysisId"));
  const auto canceled = client.get(sim.origin() + "/api/ce/task?id=T-C").json()->getObject("task");
  BOOST_TEST(canceled->getValue<std::string>("status") == "CANCELED");
  BOOST_TEST(canceled->getValue<std::string>("errorMessage") == "Canceled by an administrator");
}

BOOST_AUTO_TEST_CASE(unknown_task_is_404_and_missing_id_is_400) {
  ForgeSim sim;
  SimClient client(sim.origin());
  const auto unknown = client.get(sim.origin() + "/api/ce/task?id=nope");
  BOOST_TEST(unknown.status == 404);
  BOOST_TEST(unknown.sonar_error() == "No activity found for task 'nope'");
  BOOST_TEST(client.get(sim.origin() + "/api/ce/task").status == 400);
}

BOOST_AUTO_TEST_CASE(bad_control_body_is_refused_with_the_field) {
  ForgeSim sim;
  BOOST_TEST(load_error(sim, R"({"pullRequest":1})").find("400") != std::string::npos);
  BOOST_TEST(load_error(sim, R"({"pullRequest":1})").find("project: required") !=
             std::string::npos);
  BOOST_TEST(load_error(sim, R"({"project":"p","task":{"end":"LATER"}})").find("task.end") !=
             std::string::npos);
  BOOST_TEST(load_error(sim, R"({"project":"p","issues":{}})").find("issues:") !=
             std::string::npos);
  BOOST_TEST(load_error(sim, "{not json").find("not a JSON object") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(gate_is_found_by_analysis_id_or_by_project_and_pull_request) {
  ForgeSim sim;
  load(sim,
       R"({"project":"acme_web","pullRequest":"42","analysisId":"AN-7","gate":)" + kGate + "}");
  SimClient client(sim.origin());
  const auto by_id = client.get(sim.origin() + "/api/qualitygates/project_status?analysisId=AN-7");
  BOOST_TEST(by_id.status == 200);
  const auto status = by_id.json()->getObject("projectStatus");
  BOOST_TEST(status->getValue<std::string>("status") == "ERROR");
  BOOST_TEST(status->getArray("conditions")->getObject(0)->getValue<std::string>("actualValue") ==
             "71.2");
  const auto by_pr = client.get(
      sim.origin() + "/api/qualitygates/project_status?projectKey=acme_web&pullRequest=42");
  BOOST_TEST(by_pr.body == by_id.body);
  const auto other_pr = client.get(
      sim.origin() + "/api/qualitygates/project_status?projectKey=acme_web&pullRequest=43");
  BOOST_TEST(other_pr.status == 404);
  BOOST_TEST(other_pr.sonar_error() == "Component 'acme_web' on pull request '43' not found");
  BOOST_TEST(client.get(sim.origin() + "/api/qualitygates/project_status?analysisId=AN-8").status ==
             404);
  BOOST_TEST(client.get(sim.origin() + "/api/qualitygates/project_status").status == 400);
}

BOOST_AUTO_TEST_CASE(analysis_without_a_gate_answers_status_none) {
  ForgeSim sim;
  load(sim, R"({"project":"acme_web","branch":"release/2.x","analysisId":"AN-B"})");
  SimClient client(sim.origin());
  const auto reply = client.get(
      sim.origin() + "/api/qualitygates/project_status?projectKey=acme_web&branch=release%2F2.x");
  BOOST_TEST(reply.status == 200);
  BOOST_TEST(reply.json()->getObject("projectStatus")->getValue<std::string>("status") == "NONE");
}

BOOST_AUTO_TEST_CASE(measures_answer_only_the_metrics_asked_for) {
  ForgeSim sim;
  load(sim, R"({"project":"acme_web","pullRequest":"42","measures":)" + kMeasures + "}");
  SimClient client(sim.origin());
  const auto reply = client.get(sim.origin() +
                                "/api/measures/component?component=acme_web&pullRequest=42"
                                "&metricKeys=coverage,new_bugs,new_vulnerabilities");
  BOOST_TEST(reply.status == 200);
  const auto component = reply.json()->getObject("component");
  BOOST_TEST(component->getValue<std::string>("key") == "acme_web");
  BOOST_TEST(component->getValue<std::string>("pullRequest") == "42");
  const auto measures = component->getArray("measures");
  BOOST_TEST(measures->size() == 2u);
  BOOST_TEST(measures->getObject(0)->getValue<std::string>("metric") == "new_bugs");
  BOOST_TEST(measures->getObject(1)->getValue<std::string>("value") == "71.2");
  BOOST_TEST(client.get(sim.origin() + "/api/measures/component?component=acme_web").status == 400);
  const auto unknown =
      client.get(sim.origin() + "/api/measures/component?component=nope&metricKeys=coverage");
  BOOST_TEST(unknown.status == 404);
  BOOST_TEST(unknown.sonar_error() == "Component key 'nope' not found");
}

BOOST_AUTO_TEST_CASE(token_is_accepted_as_bearer_or_as_the_basic_user_with_no_password) {
  ForgeSimOptions options;
  options.extra_args = {"--sonar-token", "squ_right"};
  ForgeSim sim(options);
  load(sim, R"({"project":"acme_web","task":{"id":"T-A"}})");
  const std::string task = sim.origin() + "/api/ce/task?id=T-A";
  SimClient client(sim.origin(), "Bearer squ_right");
  BOOST_TEST(client.get(task).status == 200);
  client.set_authorization(basic("squ_right:"));
  BOOST_TEST(client.get(task).status == 200);
  client.set_authorization(basic("squ_right:secret"));  // a login, not a token
  BOOST_TEST(client.get(task).status == 401);
  client.set_authorization("Bearer squ_wrong");
  BOOST_TEST(client.get(task).status == 401);
  client.set_authorization(basic("squ_wrong:"));
  BOOST_TEST(client.get(task).status == 401);
  client.set_authorization("");
  const auto anonymous = client.get(task);
  BOOST_TEST(anonymous.status == 401);
  BOOST_TEST(anonymous.sonar_error() == "Authentication is required");
  for (const auto& line : sim.requests()) {
    BOOST_TEST(line->getValue<std::string>("service") == "sonar");
    BOOST_TEST(!line->isNull("token") == (line->getValue<long>("seq") < 6));
  }
}

BOOST_AUTO_TEST_CASE(sonar_requests_are_logged_and_counted_apart_from_the_host) {
  ForgeSimOptions options;
  options.rate_limit = 100;
  ForgeSim sim(options);
  load(sim, R"({"project":"acme_web","task":{"id":"T-L"}})");
  SimClient client(sim.origin());
  const auto sonar_reply = client.get(sim.origin() + "/api/ce/task?id=T-L");
  BOOST_TEST(sonar_reply.header("X-RateLimit-Limit").empty());
  BOOST_TEST(client.get(sim.origin() + "/api/ce/task?id=nope").status == 404);
  BOOST_TEST(client
                 .post(cib::test::kRepo + "/commit/abc/statuses/build",
                       R"({"key":"b","state":"SUCCESSFUL"})")
                 .status == 201);
  const auto requests = sim.requests();
  BOOST_REQUIRE(requests.size() == 3u);
  BOOST_TEST(requests[0]->getValue<std::string>("service") == "sonar");
  BOOST_TEST(requests[0]->getValue<std::string>("target") == "/api/ce/task?id=T-L");
  BOOST_TEST(requests[2]->getValue<std::string>("service") == "host");
  const auto stats = sim.stats();
  BOOST_TEST(stats->getValue<long>("requests") == 1);
  BOOST_TEST(stats->getObject("sonar")->getValue<long>("requests") == 2);
  BOOST_TEST(stats->getObject("sonar")->getObject("by_status")->getValue<long>("404") == 1);
}

BOOST_AUTO_TEST_CASE(faults_count_sonar_requests_with_the_host_ones) {
  ForgeSimOptions options;
  options.faults = "503@2";
  ForgeSim sim(options);
  load(sim, R"({"project":"acme_web","task":{"id":"T-X","pending_polls":2}})");
  SimClient client(sim.origin());
  BOOST_TEST(client.get(sim.origin() + "/api/ce/task?id=T-X").status == 200);
  BOOST_TEST(client.get(sim.origin() + "/api/ce/task?id=T-X").status == 503);
  // The refused poll was not counted: the task is still at its second poll.
  BOOST_TEST(task_status(client, sim, "T-X") == "PENDING");
  BOOST_TEST(sim.requests()[1]->getValue<std::string>("fault") == "503");
  BOOST_TEST(sim.stats()->getObject("sonar")->getObject("by_status")->getValue<long>("503") == 1);
}

BOOST_AUTO_TEST_CASE(unknown_sonar_path_is_404_and_post_is_405) {
  ForgeSim sim;
  SimClient client(sim.origin());
  BOOST_TEST(client.get(sim.origin() + "/api/projects/search").status == 404);
  BOOST_TEST(client.send("POST", sim.origin() + "/api/ce/task?id=x", "").status == 405);
}

BOOST_AUTO_TEST_CASE(reset_forgets_the_analyses_and_tasks) {
  ForgeSim sim;
  load(sim, R"({"project":"acme_web","task":{"id":"T-R"}})");
  sim.reset();
  SimClient client(sim.origin());
  BOOST_TEST(client.get(sim.origin() + "/api/ce/task?id=T-R").status == 404);
}

BOOST_AUTO_TEST_SUITE_END()
