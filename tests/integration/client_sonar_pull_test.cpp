// Pull mode end to end: cib_client_post_sonar_task against the simulator's SonarQube, whose
// compute-engine task stays PENDING, then IN_PROGRESS, for a few polls. The call returns at
// once; flush waits for the analysis; a task that fails, never ends, or a server that refuses
// the token each end as one FAILED delivery report, never a hang.
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "client_fixture.h"
#include "recording_client.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

constexpr const char* kSonarToken = "squ_0123456789abcdef-do-not-print";
constexpr std::uint64_t kTag = 7;

// How the simulator's log names a token: the first 12 hex digits of its SHA-256.
std::string token_hash(const std::string& token) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(token);
  return Poco::DigestEngine::digestToHex(engine.digest()).substr(0, 12);
}

ForgeSimOptions sonar_sim() {
  ForgeSimOptions options;
  options.extra_args = {"--sonar-token", kSonarToken};
  return options;
}

// Loads one analysis of project "web" on pull request 42; returns the control answer.
std::string load_analysis(const ForgeSim& sim, const std::string& task, const std::string& rest) {
  const std::string answer = sim.control("POST", "/_sim/sonar/analysis",
                                         R"({"project":"web","pullRequest":"42","task":)" + task +
                                             (rest.empty() ? "" : ",") + rest + "}");
  BOOST_TEST_REQUIRE(answer.find("taskId") != std::string::npos, answer);
  return answer;
}

std::string task_id_of(const std::string& control_answer) {
  const std::size_t at = control_answer.find("\"taskId\":\"") + 10;
  return control_answer.substr(at, control_answer.find('"', at) - at);
}

std::string write_report_task(const TempDir& dir, const std::string& task_id) {
  const std::string path = dir.file("report-task.txt");
  std::ofstream(path) << "projectKey=web\nserverUrl=http\\://127.0.0.1\\:9000\n"
                         "serverVersion=10.4.1\n"
                         "dashboardUrl=https://sonar.example/dashboard?id=web&pullRequest=42\n"
                         "ceTaskId="
                      << task_id << "\nceTaskUrl=https://sonar.example/api/ce/task?id=" << task_id
                      << "\n";
  return path;
}

std::string pull_yaml(const ForgeSim& sim, const std::string& sonar_extra = "",
                      const std::string& token = kSonarToken) {
  return client_yaml(sim, "  sonar: { url: \"" + sim.origin() + "\", token: \"" + token + "\"" +
                              sonar_extra + " }\n");
}

cib_status post_task(RecordingClient& session, const std::string& path, std::string& message) {
  char err[1024] = "";
  const cib_status status = cib_client_post_sonar_task(
      session.client(), kRepo.c_str(), kCommit.c_str(), 42, path.c_str(), kTag, 0, err, sizeof err);
  message = err;
  return status;
}

std::vector<Poco::JSON::Object::Ptr> requests_of(const ForgeSim& sim, const std::string& service,
                                                 const std::string& target_prefix) {
  std::vector<Poco::JSON::Object::Ptr> found;
  for (const auto& request : sim.requests()) {
    if (request->getValue<std::string>("service") == service &&
        request->getValue<std::string>("target").rfind(target_prefix, 0) == 0) {
      found.push_back(request);
    }
  }
  return found;
}

// The one delivery report of the tag, which must be a failure.
Delivery failed_delivery(RecordingClient& session) {
  std::vector<Delivery> failed;
  for (const Delivery& d : session.deliveries()) {
    if (d.tag == kTag) failed.push_back(d);
  }
  BOOST_TEST_REQUIRE(failed.size() == 1u);
  BOOST_TEST(failed[0].outcome == CIB_OUTCOME_FAILED);
  BOOST_TEST(failed[0].kind == CIB_SLOT_REPORT);
  BOOST_TEST(failed[0].key == "sonar");
  BOOST_TEST(failed[0].message.find(kSonarToken) == std::string::npos);
  return failed[0];
}

BOOST_AUTO_TEST_SUITE(client_sonar_pull)

BOOST_AUTO_TEST_CASE(the_analysis_is_posted_once_its_task_ends) {
  ForgeSim sim(sonar_sim());
  TempDir dir;
  const std::string gate =
      R"("gate":{"status":"ERROR","conditions":[{"status":"ERROR","metricKey":"new_coverage",)"
      R"("comparator":"LT","errorThreshold":"80","actualValue":"71.2"}]},)"
      R"("measures":[{"metric":"new_coverage","value":"71.2"},{"metric":"new_bugs","value":"3"}])";
  const std::string loaded = load_analysis(sim, R"({"pending_polls":1,"in_progress_polls":1})",
                                           R"("generate":{"count":1234,"seed":7},)" + gate);
  RecordingClient session(pull_yaml(sim) + "  spool: { path: \"" + dir.file("spool.db") + "\" }\n");
  std::string message;
  BOOST_TEST_REQUIRE(
      post_task(session, write_report_task(dir, task_id_of(loaded)), message) == CIB_OK, message);
  // The call does not wait for the task: it needs three polls, at least a second apart.
  BOOST_TEST(requests_of(sim, "sonar", "/api/ce/task").size() <= 1u);

  std::size_t left = 99;
  BOOST_TEST_REQUIRE(session.flush(kTag, 60000, &left) == CIB_OK);
  BOOST_TEST(left == 0u);

  const auto polls = requests_of(sim, "sonar", "/api/ce/task");
  BOOST_TEST_REQUIRE(polls.size() == 3u);
  for (std::size_t i = 1; i < polls.size(); ++i) {
    BOOST_TEST(polls[i]->getValue<long>("t_ms") - polls[i - 1]->getValue<long>("t_ms") >= 1000);
  }
  // Every Sonar request carried the token (the log keeps a hash of it, never the token).
  for (const auto& request : requests_of(sim, "sonar", "/api/")) {
    BOOST_TEST(request->getValue<int>("status") == 200);
    BOOST_TEST(request->getValue<std::string>("token") == token_hash(kSonarToken));
  }
  const auto pages = requests_of(sim, "sonar", "/api/issues/search");
  BOOST_TEST_REQUIRE(pages.size() == 3u);  // 1,234 open issues, 500 a page
  BOOST_TEST(pages[0]->getValue<std::string>("target").find("pullRequest=42") != std::string::npos);
  BOOST_TEST(pages[0]->getValue<std::string>("target").find("resolved=false") != std::string::npos);

  const auto report =
      sim.state()->getObject("reports")->getObject(kRepo)->getObject(kCommit)->getObject("sonar");
  BOOST_TEST_REQUIRE(!report.isNull());
  BOOST_TEST(report->getValue<std::string>("result") == "FAILED");
  BOOST_TEST(report->getValue<std::string>("details").find("Coverage on new code 71.2% < 80%") !=
             std::string::npos);
  BOOST_TEST(report->getValue<std::string>("link") ==
             "https://sonar.example/dashboard?id=web&pullRequest=42");
  BOOST_TEST(report->getObject("annotations")->size() == 1000u);  // the host's cap

  // The same analysis again (a re-run of the scanner): nothing changed, no host request.
  const std::string again =
      load_analysis(sim, R"({"pending_polls":0})", R"("generate":{"count":1234,"seed":7},)" + gate);
  const std::size_t host_before = requests_of(sim, "host", "").size();
  BOOST_TEST_REQUIRE(
      post_task(session, write_report_task(dir, task_id_of(again)), message) == CIB_OK, message);
  BOOST_TEST_REQUIRE(session.flush(kTag, 60000, &left) == CIB_OK);
  BOOST_TEST(requests_of(sim, "host", "").size() == host_before);
}

// The live comments of pull request 42, as their raw texts.
std::vector<std::string> pr_comments(const ForgeSim& sim) {
  std::vector<std::string> raws;
  const auto comments = sim.state()->getObject("comments");
  if (comments.isNull() || comments->getObject(kRepo).isNull()) return raws;
  const auto list = comments->getObject(kRepo)->getArray("42");
  for (std::size_t i = 0; list && i < list->size(); ++i) {
    const auto c = list->getObject(static_cast<unsigned>(i));
    if (!c->optValue<bool>("deleted", false)) raws.push_back(c->getValue<std::string>("raw"));
  }
  return raws;
}

// sonar.comment: one comment on the pull request, from pull mode and cib_client_post_sonar
// alike, edited in place; an unchanged analysis costs nothing.
BOOST_AUTO_TEST_CASE(the_summary_comment_is_one_comment_edited_in_place) {
  ForgeSim sim(sonar_sim());
  TempDir dir;
  const std::string analysis =
      R"("generate":{"count":30,"seed":5},"gate":{"status":"ERROR","conditions":[{"status":)"
      R"("ERROR","metricKey":"new_coverage","comparator":"LT","errorThreshold":"80",)"
      R"("actualValue":"71.2"}]})";
  RecordingClient session(pull_yaml(sim, ", comment: true"));
  std::string message;
  for (int run = 0; run < 2; ++run) {
    const std::size_t host_before = requests_of(sim, "host", "").size();
    const std::string loaded = load_analysis(sim, R"({"pending_polls":0})", analysis);
    BOOST_TEST_REQUIRE(
        post_task(session, write_report_task(dir, task_id_of(loaded)), message) == CIB_OK, message);
    BOOST_TEST_REQUIRE(session.flush(kTag, 60000) == CIB_OK);
    if (run == 1) BOOST_TEST(requests_of(sim, "host", "").size() == host_before);
  }
  std::vector<std::string> comments = pr_comments(sim);
  BOOST_TEST_REQUIRE(comments.size() == 1u);
  BOOST_TEST(comments[0].find("quality gate failed") != std::string::npos, comments[0]);
  BOOST_TEST(comments[0].find("Coverage on new code 71.2% &lt; 80%") != std::string::npos,
             comments[0]);

  // The same slot through cib_client_post_sonar: the gate passes now, the comment follows.
  const char* page = R"({"total":0,"p":1,"ps":500,"issues":[]})";
  cib_sonar sonar = CIB_SONAR_INIT;
  sonar.repo = kRepo.c_str();
  sonar.commit = kCommit.c_str();
  sonar.pr = 42;
  sonar.issue_pages = &page;
  sonar.issue_page_count = 1;
  sonar.gate = R"({"projectStatus":{"status":"OK","conditions":[]}})";
  char err[512] = "";
  BOOST_TEST_REQUIRE(
      cib_client_post_sonar(session.client(), &sonar, kTag, 0, err, sizeof err) == CIB_OK, err);
  BOOST_TEST_REQUIRE(session.flush(kTag, 60000) == CIB_OK);
  comments = pr_comments(sim);
  BOOST_TEST_REQUIRE(comments.size() == 1u);
  BOOST_TEST(comments[0].find("quality gate passed") != std::string::npos, comments[0]);
}

BOOST_AUTO_TEST_CASE(a_failed_task_is_a_failed_delivery_with_sonars_message) {
  ForgeSim sim(sonar_sim());
  TempDir dir;
  const std::string loaded = load_analysis(
      sim, R"({"pending_polls":1,"end":"FAILED","error_message":"Unsupported language: cobol"})",
      "");
  RecordingClient session(pull_yaml(sim));
  std::string message;
  BOOST_TEST_REQUIRE(post_task(session, write_report_task(dir, task_id_of(loaded)), message) ==
                     CIB_OK);
  std::size_t left = 99;
  BOOST_TEST(session.flush(kTag, 60000, &left) == CIB_OK);
  BOOST_TEST(left == 0u);
  const Delivery failed = failed_delivery(session);
  BOOST_TEST(failed.message.find("ended FAILED: Unsupported language: cobol") != std::string::npos,
             failed.message);
  BOOST_TEST(requests_of(sim, "host", "").empty());
}

BOOST_AUTO_TEST_CASE(a_task_that_never_ends_times_out) {
  ForgeSim sim(sonar_sim());
  TempDir dir;
  const std::string loaded = load_analysis(sim, R"({"pending_polls":1000})", "");
  RecordingClient session(pull_yaml(sim, ", wait_timeout_ms: 2500"));
  std::string message;
  BOOST_TEST_REQUIRE(post_task(session, write_report_task(dir, task_id_of(loaded)), message) ==
                     CIB_OK);
  BOOST_TEST(session.flush(kTag, 60000) == CIB_OK);
  const Delivery failed = failed_delivery(session);
  BOOST_TEST(failed.message.find("did not end within 3 s (sonar.wait_timeout_ms); last seen "
                                 "PENDING") != std::string::npos,
             failed.message);
  // Polled at 0, 1 and 2 s: never faster than once a second.
  BOOST_TEST(requests_of(sim, "sonar", "/api/ce/task").size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_refused_token_is_reported_without_the_token) {
  ForgeSim sim(sonar_sim());
  TempDir dir;
  const std::string loaded = load_analysis(sim, R"({"pending_polls":0})", "");
  const std::string wrong = "squ_wrong-token-do-not-print";
  RecordingClient session(pull_yaml(sim, "", wrong));
  std::string message;
  BOOST_TEST_REQUIRE(post_task(session, write_report_task(dir, task_id_of(loaded)), message) ==
                     CIB_OK);
  BOOST_TEST(session.flush(kTag, 60000) == CIB_OK);
  const Delivery failed = failed_delivery(session);
  BOOST_TEST(failed.http_status == 401);
  BOOST_TEST(failed.message.find("api/ce/task: HTTP 401: the Sonar server refused sonar.token") !=
                 std::string::npos,
             failed.message);
  BOOST_TEST(failed.message.find(wrong) == std::string::npos);
  for (const std::string& line : session.log_lines()) {
    BOOST_TEST(line.find(wrong) == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(issues_past_the_search_window_are_named_in_the_details) {
  ForgeSim sim(sonar_sim());
  TempDir dir;
  const std::string loaded =
      load_analysis(sim, R"({"pending_polls":0})", R"("generate":{"count":10123,"seed":3})");
  RecordingClient session(pull_yaml(sim));
  std::string message;
  BOOST_TEST_REQUIRE(post_task(session, write_report_task(dir, task_id_of(loaded)), message) ==
                     CIB_OK);
  BOOST_TEST_REQUIRE(session.flush(kTag, 120000) == CIB_OK);
  BOOST_TEST(requests_of(sim, "sonar", "/api/issues/search").size() == 20u);
  for (const auto& request : requests_of(sim, "sonar", "/api/")) {
    BOOST_TEST(request->getValue<int>("status") == 200);  // never past the window
  }
  const auto report =
      sim.state()->getObject("reports")->getObject(kRepo)->getObject(kCommit)->getObject("sonar");
  BOOST_TEST_REQUIRE(!report.isNull());
  BOOST_TEST(report->getValue<std::string>("details").find(
                 "SonarQube lists at most 10000 issues of one search: 123 of the 10123 open "
                 "issues are not shown.") != std::string::npos,
             report->getValue<std::string>("details"));
}

BOOST_AUTO_TEST_CASE(closing_while_a_task_waits_does_not_hang) {
  ForgeSim sim(sonar_sim());
  TempDir dir;
  const std::string loaded = load_analysis(sim, R"({"pending_polls":1000})", "");
  RecordingClient session(pull_yaml(sim) + "  shutdown: { timeout_ms: 300 }\n");
  std::string message;
  BOOST_TEST_REQUIRE(post_task(session, write_report_task(dir, task_id_of(loaded)), message) ==
                     CIB_OK);
  const auto start = std::chrono::steady_clock::now();
  session.close();
  const auto took = std::chrono::steady_clock::now() - start;
  // shutdown.timeout_ms, then the worker's wait is cut short: far less than the task's 5 min.
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(took).count() < 5000);
}

BOOST_AUTO_TEST_CASE(bad_calls_are_refused_naming_what_is_wrong) {
  ForgeSim sim(sonar_sim());
  TempDir dir;
  std::string message;
  {
    RecordingClient no_url(client_yaml(sim));
    BOOST_TEST(post_task(no_url, dir.file("report-task.txt"), message) == CIB_ERR_CONFIG_MISSING);
    BOOST_TEST(message ==
               "cib_client_post_sonar_task: sonar.url: not set; pull mode reads the analysis from "
               "the Sonar server");
  }
  RecordingClient session(pull_yaml(sim));
  BOOST_TEST(post_task(session, dir.file("absent.txt"), message) == CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(message == "cib_client_post_sonar_task: " + dir.file("absent.txt") +
                            ": cannot be read: No such file or directory");
  const std::string path = dir.file("report-task.txt");
  std::ofstream(path) << "projectKey=web\ndashboardUrl=https://sonar.example/x\n";
  BOOST_TEST(post_task(session, path, message) == CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(message == "cib_client_post_sonar_task: " + path +
                            ": ceTaskId: missing; is it the scanner's report-task.txt?");
  std::ofstream(path) << "projectKey=web\nceTaskId=AX&id=other\n";
  BOOST_TEST(post_task(session, path, message) == CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(message.find("ceTaskId: expected letters, digits") != std::string::npos, message);
  char err[256] = "";
  BOOST_TEST(cib_client_post_sonar_task(session.client(), kRepo.c_str(), kCommit.c_str(), -1,
                                        path.c_str(), kTag, 0, err,
                                        sizeof err) == CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(std::string(err) ==
             "cib_client_post_sonar_task: pr: expected 0 (none) or a pull request number > 0");
  BOOST_TEST(cib_client_post_sonar_task(session.client(), kRepo.c_str(), kCommit.c_str(), 1,
                                        nullptr, kTag, 0, err,
                                        sizeof err) == CIB_ERR_INVALID_ARGUMENT);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::test
