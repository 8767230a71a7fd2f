#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "comment_json.h"
#include "core/delivery_failure.h"
#include "provider_fixtures.h"
#include "providers/report_note.h"
#include "scripted_sender.h"

namespace cib::test {

namespace {

constexpr const char* kMergeRequests =
    "GET /projects/acme%2Fweb/repository/commits/abc0123/merge_requests";

std::string created(int id) {
  return R"({"id":)" + std::to_string(id) + R"(,"body":"..."})";
}

std::string notes_of(int merge_request) {
  return "/projects/acme%2Fweb/merge_requests/" + std::to_string(merge_request) + "/notes";
}

// The note's text as sent: the body field of the request.
std::string sent_body(const HttpRequest& request) {
  const std::string prefix = R"({"body":")";
  BOOST_REQUIRE(request.body.compare(0, prefix.size(), prefix) == 0);
  return request.body;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gitlab_report)

BOOST_AUTO_TEST_CASE(a_report_is_a_note_on_the_newest_open_merge_request_of_its_commit) {
  ScriptedSender sender;
  sender.answer(200, R"([{"iid":3,"state":"merged"},{"iid":9,"state":"opened"},)"
                     R"({"iid":12,"state":"closed"},{"iid":5,"state":"opened"}])");
  sender.answer(201, created(501));
  RemoteState remote = known_remote();
  gitlab()->deliver(report_slot("sonar"), report_with(2), false, remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{kMergeRequests, "POST " + notes_of(9)}));
  BOOST_TEST(sent_body(sender.requests[1]).find("cibatch:report-sonar") != std::string::npos);
  BOOST_TEST(remote.remote_id == "501");
}

BOOST_AUTO_TEST_CASE(the_merge_request_of_a_commit_is_asked_once) {
  ScriptedSender sender;
  sender.answer(200, R"([{"iid":9,"state":"opened"}])").answer(201, created(501));
  const auto provider = gitlab();
  RemoteState remote = known_remote();
  provider->deliver(report_slot("sonar"), report_with(1), false, remote, sender);
  sender.clear();
  sender.answer(200, created(501));
  provider->deliver(report_slot("sonar"), report_with(2), false, remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{"PUT " + notes_of(9) + "/501"}));
  // Another report of the same commit reuses the answer too.
  sender.clear();
  sender.answer(201, created(502));
  RemoteState other = known_remote();
  provider->deliver(report_slot("lint"), report_with(1), false, other, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{"POST " + notes_of(9)}));
}

// Nowhere to show it: the delivery fails for good and says why.
BOOST_AUTO_TEST_CASE(a_commit_without_an_open_merge_request_fails_the_report) {
  ScriptedSender sender;
  sender.answer(200, R"([{"iid":3,"state":"merged"}])");
  RemoteState remote = known_remote();
  try {
    gitlab()->deliver(report_slot(), report_with(1), false, remote, sender);
    BOOST_FAIL("delivered");
  } catch (const HostError& e) {
    BOOST_TEST(e.http_status() == 404);
    BOOST_TEST(std::string(e.what()).find("no open merge request") != std::string::npos);
    BOOST_TEST((classify_failure(std::current_exception()).kind == DeliveryResult::Kind::failed));
  }
  BOOST_TEST(sender.requests.size() == 1u);
  // Not remembered: once a merge request exists the next attempt finds it.
  sender.clear();
  sender.answer(200, R"([{"iid":4,"state":"opened"}])").answer(201, created(1));
  gitlab()->deliver(report_slot(), report_with(1), false, remote, sender);
  BOOST_TEST(sender.requests.size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_note_shows_the_summary_data_and_at_most_50_findings_by_severity) {
  ReportContent report = report_with(60);
  report.details = "Quality gate failed";
  report.link = "https://sonar.example/dashboard?id=web";
  report.data = {{"Coverage", DataType::percentage, "71.5"}, {"Bugs | new", DataType::number, "3"}};
  report.annotations[59].severity = Severity::critical;  // the most severe comes first
  ScriptedSender sender;
  sender.answer(200, R"([{"iid":9,"state":"opened"}])").answer(201, created(1));
  RemoteState remote = known_remote();
  gitlab()->deliver(report_slot("sonar"), report, false, remote, sender);
  const std::string body = sender.requests.at(1).body;
  BOOST_TEST(body.find("#### Sonar: FAILED") != std::string::npos, body);
  BOOST_TEST(body.find("(showing 50 of 60 findings, by severity)") != std::string::npos);
  BOOST_TEST(body.find("[Details](https://sonar.example/dashboard?id=web)") != std::string::npos);
  BOOST_TEST(body.find("| Coverage | 71.5 % |") != std::string::npos);
  BOOST_TEST(body.find("| Bugs \\\\| new | 3 |") != std::string::npos, body);
  BOOST_TEST(count(body, "| HIGH | BUG |") == 49u);
  BOOST_TEST(count(body, "| CRITICAL | BUG |") == 1u);
  BOOST_TEST(body.find("CRITICAL") < body.find("| HIGH |"));
  BOOST_TEST(body.find("finding 48 ") != std::string::npos);
  BOOST_TEST(body.find("finding 49 ") == std::string::npos);  // the 51st by the fixed order
  BOOST_TEST(body.find(R"x( |\n\n[//]: # (cibatch:report-sonar)"})x") != std::string::npos, body);
}

// The core sends nothing for unchanged content only if the note is a function of it: the same
// findings in another order make the same note.
BOOST_AUTO_TEST_CASE(the_note_does_not_depend_on_the_order_findings_arrive_in) {
  ReportContent report = report_with(5);
  ReportContent shuffled = report;
  std::reverse(shuffled.annotations.begin(), shuffled.annotations.end());
  ScriptedSender sender;
  sender.answer(200, R"([{"iid":9,"state":"opened"}])").answer(201, created(1));
  sender.answer(201, created(2));
  const auto provider = gitlab();
  RemoteState a = known_remote();
  RemoteState b = known_remote();
  provider->deliver(report_slot(), report, false, a, sender);
  provider->deliver(report_slot(), shuffled, false, b, sender);
  BOOST_TEST(sender.requests.at(1).body == sender.requests.at(2).body);
}

BOOST_AUTO_TEST_CASE(table_cells_are_one_line_and_bounded) {
  ReportContent report;
  report.title = "T";
  Annotation a = finding(1);
  a.summary = "line one\nline two | " + std::string(500, 'x');
  report.annotations.push_back(a);
  const std::string note = render_report_note("r", report);
  const std::string row = note.substr(note.find("| HIGH |"));
  BOOST_TEST(row.find("line one line two \\| x") != std::string::npos, row);
  BOOST_TEST(row.size() < 300u, row);
  BOOST_TEST(render_report_note("r", ReportContent{}).find("No findings.") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
