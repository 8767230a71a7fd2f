// The baseline's requests for one call, against a scripted host: one request per call and per
// finding, with the provider's own paths and bodies, which fit the host's published schema.
#define BOOST_TEST_MODULE unit_bench_naive
#include "naive_requests.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "comment_json.h"
#include "naive_call.h"
#include "provider_fixtures.h"
#include "scripted_sender.h"
#include "spec_check.h"

namespace cib::test {
namespace {

using bench::naive_call;
using bench::NaiveCall;
using bench::send_naive;

const std::string kCommit = "abc0123";
const std::string kReport = "/repositories/acme/web/commit/abc0123/reports/sonar";
const std::string kAnnotations = kReport + "/annotations";

trace::AnnotationOp finding_op(const std::string& id, const std::string& severity) {
  trace::AnnotationOp a;
  a.id = id;
  a.path = "src/main.c";
  a.line = 7;
  a.severity = severity;
  a.type = "CODE_SMELL";
  a.summary = "unused variable";
  return a;
}

trace::ReportOp report_op() {
  trace::ReportOp op;
  op.repo = "acme/web";
  op.commit = kCommit;
  op.id = "sonar";
  op.title = "Sonar";
  op.result = "FAILED";
  op.reporter = "SonarQube";
  op.data = {{"Coverage", "PERCENTAGE", "81.5"}, {"Safe to merge?", "BOOLEAN", "false"}};
  op.annotations = {finding_op("f1", "LOW"), finding_op("f2", "CRITICAL")};
  return op;
}

// A Sonar analysis's report of n findings, as bench-naive sends it.
NaiveCall sonar_call(int n) {
  trace::ReportOp op = report_op();
  op.annotations.clear();
  for (int i = 0; i < n; ++i) op.annotations.push_back(finding_op("s" + std::to_string(i), "HIGH"));
  NaiveCall call = naive_call(op);
  call.recreate = true;
  return call;
}

std::string request_header(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "";
}

std::size_t items_in(const std::string& body) {
  Poco::JSON::Parser parser;
  return parser.parse(body).extract<Poco::JSON::Array::Ptr>()->size();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(naive_requests)

BOOST_AUTO_TEST_CASE(trace_words_become_the_model_values) {
  trace::StatusOp status{"acme/web", kCommit, "build", "STOPPED", "Build", "", "", ""};
  const NaiveCall call = naive_call(status);
  BOOST_TEST((call.slot == status_slot()));
  BOOST_TEST((std::get<StatusContent>(call.content).state == BuildState::stopped));
  const auto report = std::get<ReportContent>(naive_call(report_op()).content);
  BOOST_TEST((report.result == ReportResult::failed));
  BOOST_TEST((report.data.at(0).type == DataType::percentage));
  BOOST_TEST((report.annotations.at(1).severity == Severity::critical));
  BOOST_TEST((report.annotations.at(1).type == FindingType::code_smell));
}

BOOST_AUTO_TEST_CASE(a_status_is_the_providers_single_post) {
  ScriptedSender naive;
  trace::StatusOp status{"acme/web", kCommit, "build", "STOPPED", "", "", "", ""};
  BOOST_TEST(send_naive(naive_call(status), naive).requests == 1);
  ScriptedSender batched;
  RemoteState remote;
  bitbucket()->deliver(status_slot(), StatusContent{BuildState::stopped, "", "", "", ""}, false,
                       remote, batched);
  BOOST_TEST(naive.lines() == batched.lines(), boost::test_tools::per_element());
  BOOST_TEST(naive.requests.at(0).body == batched.requests.at(0).body);
}

BOOST_AUTO_TEST_CASE(a_comment_is_one_new_comment_without_marker) {
  ScriptedSender sender;
  sender.answer(201, comment_json(1, "plain"));
  const trace::CommentOp comment{"acme/web", 42, "coverage", "plain"};
  BOOST_TEST(send_naive(naive_call(comment), sender).requests == 1);
  BOOST_TEST(sender.lines().at(0) == "POST /repositories/acme/web/pullrequests/42/comments");
  BOOST_TEST(sender.requests[0].body == body_of("plain"));
  BOOST_TEST(!sender.requests[0].idempotent);
}

BOOST_AUTO_TEST_CASE(a_report_is_one_put_and_one_put_per_annotation_in_the_providers_order) {
  ScriptedSender sender;
  BOOST_TEST(send_naive(naive_call(report_op()), sender).requests == 3);
  // The library's cap keeps findings in a fixed order: the critical one first.
  BOOST_TEST(
      sender.lines() == (std::vector<std::string>{"PUT " + kReport, "PUT " + kAnnotations + "/f2",
                                                  "PUT " + kAnnotations + "/f1"}),
      boost::test_tools::per_element());
  BOOST_TEST(sender.requests[1].body.find("external_id") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_refused_report_put_sends_no_annotation) {
  ScriptedSender sender;
  sender.answer(400, R"({"type":"error","error":{"message":"bad"}})");
  BOOST_CHECK_THROW(send_naive(naive_call(report_op()), sender), HostError);
  BOOST_TEST(sender.requests.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_sonar_report_is_deleted_put_and_its_annotations_posted_in_bulk) {
  ScriptedSender sender;
  sender.answer(404, R"({"type":"error","error":{"message":"no such report"}})");
  BOOST_TEST(send_naive(sonar_call(250), sender).requests == 5);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{
                                   "DELETE " + kReport, "PUT " + kReport, "POST " + kAnnotations,
                                   "POST " + kAnnotations, "POST " + kAnnotations}),
             boost::test_tools::per_element());
  BOOST_TEST(items_in(sender.requests[2].body) == 100u);
  BOOST_TEST(items_in(sender.requests[4].body) == 50u);
  const SpecCheck spec;
  for (const HttpRequest& request : sender.requests) {
    BOOST_TEST(spec.problems(request).empty(), request.method << ' ' << request.target);
  }
}

BOOST_AUTO_TEST_CASE(a_sonar_report_keeps_the_host_cap_of_annotations) {
  ScriptedSender sender;
  BOOST_TEST(send_naive(sonar_call(1234), sender).requests == 2 + 10);
}

BOOST_AUTO_TEST_CASE(a_refused_sonar_delete_sends_nothing_more) {
  ScriptedSender sender;
  sender.answer(403, R"({"type":"error","error":{"message":"forbidden"}})");
  BOOST_CHECK_THROW(send_naive(sonar_call(3), sender), HostError);
  BOOST_TEST(sender.requests.size() == 1u);
}

BOOST_AUTO_TEST_CASE(every_body_fits_the_schema) {
  const SpecCheck spec;
  ScriptedSender sender;
  send_naive(naive_call(trace::StatusOp{"acme/web", kCommit, "build", "FAILED", "Build",
                                        "https://ci/1", "3 tests failed", "main"}),
             sender);
  send_naive(naive_call(trace::CommentOp{"acme/web", 42, "coverage", "Coverage 81%"}), sender);
  send_naive(naive_call(report_op()), sender);
  BOOST_REQUIRE(sender.requests.size() == 5u);
  for (const HttpRequest& request : sender.requests) {
    const auto problems = spec.problems(request);
    BOOST_TEST(problems.empty(), request.method << ' ' << request.target);
  }
}

BOOST_AUTO_TEST_CASE(on_gitlab_a_report_is_one_new_note_on_its_merge_request) {
  ScriptedSender sender;
  sender.answer(201, R"({"id":5,"body":"x"})");
  NaiveCall call = naive_call(report_op());
  call.thread = 7;
  BOOST_TEST(send_naive(call, sender, HostKind::gitlab).requests == 1);
  BOOST_TEST(sender.lines().at(0) == "POST /projects/acme%2Fweb/merge_requests/7/notes");
  BOOST_TEST(sender.requests[0].body.find("unused variable") != std::string::npos);
  BOOST_TEST(!sender.requests[0].idempotent);
}

BOOST_AUTO_TEST_CASE(on_data_center_a_report_is_one_put_and_one_post_of_all_its_findings) {
  ScriptedSender sender;
  BOOST_TEST(send_naive(naive_call(report_op()), sender, HostKind::bitbucket_dc).requests == 2);
  const std::string report =
      "/rest/insights/latest/projects/acme/repos/web/commits/abc0123/"
      "reports/sonar";
  BOOST_TEST(sender.lines() ==
                 (std::vector<std::string>{"PUT " + report, "POST " + report + "/annotations"}),
             boost::test_tools::per_element());
  BOOST_TEST(sender.requests[1].items == 2);
}

BOOST_AUTO_TEST_CASE(on_data_center_a_sonar_report_is_deleted_first_and_keeps_1000_findings) {
  ScriptedSender sender;
  sender.answer(404, R"({"errors":[{"message":"no such report"}]})");
  BOOST_TEST(send_naive(sonar_call(1200), sender, HostKind::bitbucket_dc).requests == 3);
  BOOST_TEST(sender.requests[0].method == "DELETE");
  BOOST_TEST(sender.requests[2].items == 1000);
}

BOOST_AUTO_TEST_CASE(on_github_a_report_is_a_new_check_run_50_findings_a_request) {
  ScriptedSender sender;
  sender.answer(201, R"({"id":9})");
  BOOST_TEST(send_naive(sonar_call(120), sender, HostKind::github).requests == 3);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{"POST /repos/acme/web/check-runs",
                                                         "PATCH /repos/acme/web/check-runs/9",
                                                         "PATCH /repos/acme/web/check-runs/9"}),
             boost::test_tools::per_element());
  BOOST_TEST(sender.requests[0].body.find("\"in_progress\"") != std::string::npos);
  BOOST_TEST(sender.requests[2].body.find("\"completed\"") != std::string::npos);
  for (const HttpRequest& request : sender.requests) {
    BOOST_TEST(request_header(request, "Accept") == "application/vnd.github+json");
    BOOST_TEST(request_header(request, "X-GitHub-Api-Version") == "2022-11-28");
  }
}

// As the library, the baseline keeps 1,000 findings, and one without a path cannot be a check
// run annotation (GitHub requires one): the run's summary counts it.
BOOST_AUTO_TEST_CASE(on_github_a_check_run_keeps_1000_findings_and_those_with_a_path) {
  ScriptedSender capped;
  capped.answer(201, R"({"id":9})");
  BOOST_TEST(send_naive(sonar_call(1100), capped, HostKind::github).requests == 20);
  NaiveCall pathless = sonar_call(60);
  for (Annotation& a : std::get<ReportContent>(pathless.content).annotations) a.path.clear();
  ScriptedSender one;
  one.answer(201, R"({"id":9})");
  BOOST_TEST(send_naive(pathless, one, HostKind::github).requests == 1);
}

BOOST_AUTO_TEST_CASE(on_github_without_check_runs_a_report_is_one_new_pull_request_comment) {
  ScriptedSender sender;
  sender.answer(201, R"({"id":5,"body":"x"})");
  NaiveCall call = naive_call(report_op());
  call.thread = 7;
  BOOST_TEST(send_naive(call, sender, HostKind::github, false).requests == 1);
  BOOST_TEST(sender.lines().at(0) == "POST /repos/acme/web/issues/7/comments");
  BOOST_TEST(sender.requests[0].body.find("unused variable") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(data_center_and_github_bodies_fit_their_schemas) {
  const auto calls = {naive_call(trace::StatusOp{"acme/web", kCommit, "build", "FAILED", "Build",
                                                 "https://ci/1", "3 tests failed", "main"}),
                      naive_call(trace::CommentOp{"acme/web", 42, "coverage", "Coverage 81%"}),
                      naive_call(report_op()), sonar_call(60)};
  ScriptedSender dc;
  ScriptedSender github;
  for (const NaiveCall& call : calls) {
    send_naive(call, dc, HostKind::bitbucket_dc);
    github.answer(201, R"({"id":9})");
    send_naive(call, github, HostKind::github);
  }
  BOOST_REQUIRE(dc.requests.size() == 7u);
  BOOST_REQUIRE(github.requests.size() == 5u);
  const SpecCheck dc_spec = data_center_spec();
  for (const HttpRequest& request : dc.requests) {
    BOOST_TEST(dc_spec.problems(request).empty(), request.method << ' ' << request.target);
  }
  const SpecCheck github_spec("github.json");
  for (const HttpRequest& request : github.requests) {
    BOOST_TEST(github_spec.problems(request).empty(), request.method << ' ' << request.target);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
