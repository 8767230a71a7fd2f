// A report slot that does not know what the host holds (a new agent, an empty spool) reads the
// host's copy first, then sends only what differs and never leaves a stale annotation.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "provider_fixtures.h"
#include "scripted_sender.h"
#include "spec_check.h"

namespace cib::test {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const char* const kReport = "/repositories/acme/web/commit/abc0123/reports/sonar";
const char* const kAnnotations = "/repositories/acme/web/commit/abc0123/reports/sonar/annotations";

// "METHOD target", as ScriptedSender::lines() shows a request.
std::string line(const char* method, const char* target) {
  return std::string(method) + ' ' + target;
}

std::string text_of(const Poco::Dynamic::Var& json) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(json, out);
  return out.str();
}

// The host's answers for a report: GET of the report, then pages of 100 annotations, made from
// what the provider sends plus the fields the host adds (as the host stores what it is sent).
struct HostCopy {
  std::string report;
  std::vector<Object::Ptr> annotations;

  std::vector<std::string> pages() const {
    std::vector<std::string> out;
    for (std::size_t first = 0; first == 0 || first < annotations.size(); first += 100) {
      Object page;
      Array::Ptr values = new Array;
      for (std::size_t i = first; i < annotations.size() && i < first + 100; ++i) {
        values->add(annotations[i]);
      }
      page.set("values", values);
      if (first + 100 < annotations.size()) {
        page.set("next", std::string("https://api.bitbucket.org/2.0") + kAnnotations +
                             "?pagelen=100&page=" + std::to_string(first / 100 + 2));
      }
      out.push_back(text_of(page));
    }
    return out;
  }

  void answer_lookup(ScriptedSender& sender) const {
    sender.answer(200, report);
    for (const std::string& page : pages()) sender.answer(200, page);
  }
};

HostCopy host_copy_of(const ReportContent& held) {
  ScriptedSender capture;
  RemoteState remote = known_remote();
  bitbucket()->deliver(report_slot(), held, false, remote, capture);
  HostCopy copy;
  Poco::JSON::Parser parser;
  for (const HttpRequest& request : capture.requests) {
    if (request.method == "PUT") {
      Object::Ptr report = parser.parse(request.body).extract<Object::Ptr>();
      report->set("type", "report");
      report->set("uuid", "{0b5c1c1e-0000-4000-8000-000000000001}");
      report->set("external_id", "sonar");
      copy.report = text_of(report);
    } else {
      const Array::Ptr items = parser.parse(request.body).extract<Array::Ptr>();
      for (std::size_t i = 0; i < items->size(); ++i) {
        Object::Ptr item = items->getObject(static_cast<unsigned>(i));
        item->set("type", "report_annotation");
        item->set("uuid", "{a-" + std::to_string(copy.annotations.size()) + "}");
        copy.annotations.push_back(item);
      }
    }
  }
  return copy;
}

std::vector<std::string> lookup_lines(std::size_t pages) {
  std::vector<std::string> lines{line("GET", kReport), line("GET", kAnnotations) + "?pagelen=100"};
  for (std::size_t p = 2; p <= pages; ++p) {
    lines.push_back(line("GET", kAnnotations) + "?pagelen=100&page=" + std::to_string(p));
  }
  return lines;
}

std::vector<std::string> posted_ids(const ScriptedSender& sender) {
  std::vector<std::string> ids;
  Poco::JSON::Parser parser;
  for (const HttpRequest& r : sender.requests) {
    if (r.method != "POST") continue;
    const Array::Ptr items = parser.parse(r.body).extract<Array::Ptr>();
    for (std::size_t i = 0; i < items->size(); ++i) {
      ids.push_back(
          items->getObject(static_cast<unsigned>(i))->getValue<std::string>("external_id"));
    }
  }
  return ids;
}

ReportContent rich_report(int findings) {
  ReportContent report = report_with(findings);
  report.details = "Quality gate failed";
  report.reporter = "SonarQube";
  report.link = "https://sonar.example/dashboard?id=web";
  report.annotations[0].details = "why it matters";
  report.annotations[0].link = "https://sonar.example/issue/1";
  report.annotations[1].line = 0;
  report.data = {{"Coverage", DataType::percentage, "81.5"},
                 {"Ratio", DataType::number, "0.1"},
                 {"Lines", DataType::number, "12000"},
                 {"Safe to merge?", DataType::boolean, "false"},
                 {"Analysed", DataType::date, "1700000000000"},
                 {"Day", DataType::date, "2024-01-02"},
                 {"Dashboard", DataType::link, "https://sonar.example/d"},
                 {"Gate", DataType::text, "ERROR"},
                 {"Odd", DataType::number, "n/a"}};
  return report;
}

DeliveryOutcome deliver(const ReportContent& report, RemoteState& remote, ScriptedSender& sender) {
  return bitbucket()->deliver(report_slot(), report, false, remote, sender);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cold_report)

BOOST_AUTO_TEST_CASE(an_absent_report_costs_one_get_before_the_put_and_posts) {
  ScriptedSender sender;
  sender.answer(404, R"({"type":"error","error":{"message":"Report sonar not found"}})");
  RemoteState remote;
  const DeliveryOutcome outcome = deliver(report_with(250), remote, sender);
  BOOST_TEST(sender.lines() ==
                 (std::vector<std::string>{line("GET", kReport), line("PUT", kReport),
                                           line("POST", kAnnotations), line("POST", kAnnotations),
                                           line("POST", kAnnotations)}),
             boost::test_tools::per_element());
  BOOST_TEST(outcome.requests == 5);
  BOOST_TEST(remote.host_known);
  BOOST_TEST(remote.annotations.size() == 250u);
}

BOOST_AUTO_TEST_CASE(a_report_the_host_holds_unchanged_costs_only_the_lookup) {
  const ReportContent report = rich_report(150);
  const HostCopy host = host_copy_of(report);
  ScriptedSender sender;
  host.answer_lookup(sender);
  RemoteState remote;
  deliver(report, remote, sender);
  BOOST_TEST(sender.lines() == lookup_lines(2), boost::test_tools::per_element());
  BOOST_TEST(remote.host_known);
  BOOST_TEST(remote.report_known);
  BOOST_TEST(remote.annotations.size() == 150u);
}

BOOST_AUTO_TEST_CASE(only_changed_and_missing_annotations_are_sent_and_stale_ones_removed) {
  const HostCopy host = host_copy_of(report_with(5));  // f1000..f1004
  ReportContent desired = report_with(4);
  desired.annotations[1].summary = "changed";  // f1001
  desired.annotations.push_back(finding(5));   // f1005, missing on the host; f1004 is stale
  ScriptedSender sender;
  host.answer_lookup(sender);
  RemoteState remote;
  deliver(desired, remote, sender);
  std::vector<std::string> expected = lookup_lines(1);
  expected.push_back(line("DELETE", kAnnotations) + "/f1004");
  expected.push_back(line("POST", kAnnotations));
  BOOST_TEST(sender.lines() == expected, boost::test_tools::per_element());
  BOOST_TEST(posted_ids(sender) == (std::vector<std::string>{"f1001", "f1005"}),
             boost::test_tools::per_element());
  BOOST_TEST(remote.annotations.count("f1004") == 0u);
}

BOOST_AUTO_TEST_CASE(changed_report_fields_rewrite_it_and_still_remove_the_stale_annotation) {
  const HostCopy host = host_copy_of(report_with(5, "Old title"));
  ScriptedSender sender;
  host.answer_lookup(sender);
  RemoteState remote;
  deliver(report_with(4), remote, sender);
  // Rewriting (PUT, one DELETE, one POST) ties with replacing (DELETE, PUT, POST): rewrite.
  std::vector<std::string> expected = lookup_lines(1);
  expected.push_back(line("PUT", kReport));
  expected.push_back(line("DELETE", kAnnotations) + "/f1004");
  expected.push_back(line("POST", kAnnotations));
  BOOST_TEST(sender.lines() == expected, boost::test_tools::per_element());
  BOOST_TEST(posted_ids(sender).size() == 4u);
}

BOOST_AUTO_TEST_CASE(annotations_the_provider_never_sends_are_removed) {
  HostCopy host = host_copy_of(report_with(2));
  host.annotations[1]->set("severity", "BLOCKER");  // f1001 in a form never sent
  Object::Ptr foreign = new Object;                 // another tool's, without external id
  foreign->set("uuid", "u-9");
  foreign->set("annotation_type", "BUG");
  foreign->set("severity", "HIGH");
  foreign->set("summary", "foreign");
  host.annotations.push_back(foreign);
  ScriptedSender sender;
  host.answer_lookup(sender);
  RemoteState remote;
  deliver(report_with(2), remote, sender);
  std::vector<std::string> expected = lookup_lines(1);
  expected.push_back(line("DELETE", kAnnotations) + "/u-9");
  expected.push_back(line("POST", kAnnotations));
  BOOST_TEST(sender.lines() == expected, boost::test_tools::per_element());
  BOOST_TEST(posted_ids(sender) == (std::vector<std::string>{"f1001"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_known_report_is_not_looked_up) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  deliver(report_with(1), remote, sender);
  BOOST_TEST(sender.lines().front() == line("PUT", kReport));
}

BOOST_AUTO_TEST_CASE(the_lookup_requests_are_documented_operations) {
  const SpecCheck spec;
  const HostCopy host = host_copy_of(report_with(120));
  ScriptedSender sender;
  host.answer_lookup(sender);
  RemoteState remote;
  deliver(report_with(120), remote, sender);
  BOOST_REQUIRE_EQUAL(sender.requests.size(), 3u);
  for (const HttpRequest& request : sender.requests) {
    BOOST_TEST(spec.problems(request).empty(), request.method << ' ' << request.target);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
