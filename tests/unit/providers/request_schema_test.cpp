// Every body the provider sends must pass the API description's schema (the simulator answers
// 400 otherwise).
#include <boost/test/unit_test.hpp>

#include "provider_fixtures.h"
#include "scripted_sender.h"
#include "spec_check.h"

namespace cib::test {

namespace {

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

void expect_valid(const SpecCheck& spec, const ScriptedSender& sender) {
  BOOST_REQUIRE(!sender.requests.empty());
  for (const HttpRequest& request : sender.requests) {
    const auto problems = spec.problems(request);
    BOOST_TEST(problems.empty(), request.method << ' ' << request.target << ":\n"
                                                << joined(problems));
  }
}

ReportContent rich_report() {
  ReportContent report = report_with(3);
  report.details = "Quality gate failed";
  report.reporter = "SonarQube";
  report.link = "https://sonar.example/dashboard?id=web";
  report.annotations[0].details = "why it matters";
  report.annotations[0].link = "https://sonar.example/issue/1";
  report.annotations[1].line = 0;
  report.annotations[2].path.clear();
  report.data = {{"Coverage", DataType::percentage, "81.5"},
                 {"Lines", DataType::number, "12000"},
                 {"Safe to merge?", DataType::boolean, "false"},
                 {"Duration", DataType::duration, "14000"},
                 {"Analysed", DataType::date, "1700000000000"},
                 {"Dashboard", DataType::link, "https://sonar.example/d"},
                 {"Gate", DataType::text, "ERROR"}};
  return report;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(request_schema)

BOOST_AUTO_TEST_CASE(status_bodies_fit_the_schema) {
  const SpecCheck spec;
  ScriptedSender sender;
  RemoteState remote = known_remote();
  StatusContent full{BuildState::failed, "Build", "https://ci/1", "3 tests failed", "main"};
  bitbucket()->deliver(status_slot(), full, false, remote, sender);
  bitbucket()->deliver(status_slot(), StatusContent{}, false, remote, sender);
  expect_valid(spec, sender);
}

BOOST_AUTO_TEST_CASE(comment_bodies_fit_the_schema) {
  const SpecCheck spec;
  ScriptedSender sender;
  sender.answer(201, R"({"id":5})").answer(200, R"({"id":5})");
  RemoteState remote = known_remote();
  bitbucket()->deliver(comment_slot(), CommentContent{"a"}, false, remote, sender);
  bitbucket()->deliver(comment_slot(), CommentContent{"b"}, false, remote, sender);
  remote = known_remote();
  remote.create_ambiguous = true;
  sender.answer(200, R"({"values":[]})").answer(201, R"({"id":6})");
  bitbucket()->deliver(comment_slot(), CommentContent{"c"}, false, remote, sender);
  expect_valid(spec, sender);
}

BOOST_AUTO_TEST_CASE(report_and_annotation_bodies_fit_the_schema) {
  const SpecCheck spec;
  ScriptedSender sender;
  RemoteState remote = known_remote();
  const auto provider = bitbucket();
  provider->deliver(report_slot(), rich_report(), false, remote, sender);
  ReportContent fewer = rich_report();
  fewer.annotations.pop_back();
  provider->deliver(report_slot(), fewer, false, remote, sender);
  expect_valid(spec, sender);
}

BOOST_AUTO_TEST_CASE(report_data_values_have_the_documented_json_types) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  bitbucket()->deliver(report_slot(), rich_report(), false, remote, sender);
  const std::string& body = sender.requests.at(0).body;
  BOOST_TEST(body.find(R"({"title":"Coverage","type":"PERCENTAGE","value":81.5})") !=
             std::string::npos);
  BOOST_TEST(body.find(R"({"title":"Lines","type":"NUMBER","value":12000})") != std::string::npos);
  BOOST_TEST(body.find(R"("type":"BOOLEAN","value":false})") != std::string::npos);
  BOOST_TEST(body.find(R"({"title":"Duration","type":"DURATION","value":14000})") !=
             std::string::npos);
  BOOST_TEST(body.find(R"({"title":"Analysed","type":"DATE","value":1700000000000})") !=
             std::string::npos);
  BOOST_TEST(body.find(R"("type":"LINK","value":{"text":"https://sonar.example/d",)"
                       R"("href":"https://sonar.example/d"}})") != std::string::npos);
  BOOST_TEST(body.find(R"({"title":"Gate","type":"TEXT","value":"ERROR"})") != std::string::npos);
  BOOST_TEST(body.find("report_type") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(values_that_do_not_read_as_their_type_are_sent_as_text) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  ReportContent report = report_with(0);
  report.data = {{"Coverage", DataType::percentage, "about 80"},
                 {"Ok", DataType::boolean, "yes"},
                 {"When", DataType::date, "2024-05-01"}};
  bitbucket()->deliver(report_slot(), report, false, remote, sender);
  const std::string& body = sender.requests.at(0).body;
  BOOST_TEST(body.find(R"({"title":"Coverage","type":"TEXT","value":"about 80"})") !=
             std::string::npos);
  BOOST_TEST(body.find(R"({"title":"Ok","type":"TEXT","value":"yes"})") != std::string::npos);
  BOOST_TEST(body.find(R"({"title":"When","type":"DATE","value":"2024-05-01"})") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_schema_check_itself_catches_bad_bodies) {
  const SpecCheck spec;
  HttpRequest bad;
  bad.method = "POST";
  bad.target = "/repositories/acme/web/commit/abc0123/statuses/build";
  bad.body = R"({"key":"k","state":"BOGUS","colour":"red"})";
  BOOST_TEST(spec.problems(bad).size() == 2u);
  bad.body = R"({"state":"FAILED"})";
  BOOST_TEST(spec.problems(bad).size() == 1u);
  HttpRequest annotations;
  annotations.method = "POST";
  annotations.target = "/repositories/acme/web/commit/abc0123/reports/r/annotations";
  annotations.body = "[]";
  BOOST_TEST(spec.problems(annotations).size() == 1u);
  annotations.body = R"([{"external_id":"a","line":0,"severity":"HUGE"}])";
  BOOST_TEST(spec.problems(annotations).size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
