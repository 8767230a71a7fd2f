#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>

#include "provider_fixtures.h"
#include "scripted_sender.h"

namespace cib::test {

namespace {

const std::string kReport = "/repositories/acme/web/commit/abc0123/reports/sonar";
const std::string kAnnotations = kReport + "/annotations";

Poco::JSON::Array::Ptr items_of(const HttpRequest& request) {
  Poco::JSON::Parser parser;
  return parser.parse(request.body).extract<Poco::JSON::Array::Ptr>();
}

std::vector<std::size_t> post_sizes(const ScriptedSender& sender) {
  std::vector<std::size_t> sizes;
  for (const HttpRequest& r : sender.requests) {
    if (r.method == "POST") sizes.push_back(items_of(r)->size());
  }
  return sizes;
}

// external_id -> summary of every annotation POSTed, in order.
std::vector<std::pair<std::string, std::string>> posted(const ScriptedSender& sender) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const HttpRequest& r : sender.requests) {
    if (r.method != "POST") continue;
    const auto items = items_of(r);
    for (std::size_t i = 0; i < items->size(); ++i) {
      const auto item = items->getObject(static_cast<unsigned>(i));
      out.emplace_back(item->getValue<std::string>("external_id"),
                       item->getValue<std::string>("summary"));
    }
  }
  return out;
}

DeliveryOutcome deliver(const ReportContent& report, RemoteState& remote, ScriptedSender& sender,
                        bool force = false) {
  return bitbucket()->deliver(report_slot(), report, force, remote, sender);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_delivery)

BOOST_AUTO_TEST_CASE(first_delivery_of_250_findings_is_one_put_and_three_posts) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  const DeliveryOutcome outcome = deliver(report_with(250), remote, sender);
  BOOST_TEST(
      sender.lines() == (std::vector<std::string>{"PUT " + kReport, "POST " + kAnnotations,
                                                  "POST " + kAnnotations, "POST " + kAnnotations}),
      boost::test_tools::per_element());
  BOOST_TEST(post_sizes(sender) == (std::vector<std::size_t>{100, 100, 50}),
             boost::test_tools::per_element());
  BOOST_TEST(outcome.requests == 4);
  BOOST_TEST(remote.report_known);
  BOOST_TEST(remote.report_digest.size() == 64u);
  BOOST_TEST(remote.annotations.size() == 250u);
  for (const auto& held : remote.annotations) BOOST_TEST(held.second.size() == 64u);
}

BOOST_AUTO_TEST_CASE(the_same_report_again_costs_nothing) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  deliver(report_with(250), remote, sender);
  sender.clear();
  const DeliveryOutcome outcome = deliver(report_with(250), remote, sender);
  BOOST_TEST(outcome.requests == 0);
  BOOST_TEST(sender.requests.empty());
}

BOOST_AUTO_TEST_CASE(a_small_change_patches_only_what_changed) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  deliver(report_with(250), remote, sender);
  ReportContent next = report_with(250);
  next.annotations[7].summary = "changed";
  next.annotations.erase(next.annotations.begin() + 20);  // f1020
  sender.clear();
  deliver(next, remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{"DELETE " + kAnnotations + "/f1020",
                                                         "POST " + kAnnotations}),
             boost::test_tools::per_element());
  BOOST_TEST(
      (posted(sender) == std::vector<std::pair<std::string, std::string>>{{"f1007", "changed"}}));
  BOOST_TEST(remote.annotations.count("f1020") == 0u);
}

BOOST_AUTO_TEST_CASE(twenty_changed_ten_removed_five_added_takes_the_cheaper_replace) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  deliver(report_with(250), remote, sender);
  ReportContent next = report_with(250);
  for (int i = 0; i < 20; ++i) next.annotations[static_cast<std::size_t>(i)].summary = "changed";
  next.annotations.erase(next.annotations.end() - 10, next.annotations.end());
  for (int i = 0; i < 5; ++i) next.annotations.push_back(finding(500 + i));
  sender.clear();
  const DeliveryOutcome outcome = deliver(next, remote, sender);
  // Patching would cost 1 POST + 10 DELETEs; DELETE report + PUT + 3 POSTs costs 5.
  BOOST_TEST(sender.lines() == (std::vector<std::string>{
                                   "DELETE " + kReport, "PUT " + kReport, "POST " + kAnnotations,
                                   "POST " + kAnnotations, "POST " + kAnnotations}),
             boost::test_tools::per_element());
  BOOST_TEST(post_sizes(sender) == (std::vector<std::size_t>{100, 100, 45}),
             boost::test_tools::per_element());
  BOOST_TEST(outcome.requests == 5);
  BOOST_TEST(remote.annotations.size() == 245u);
}

BOOST_AUTO_TEST_CASE(changed_fields_rewrite_the_report_and_resend_its_annotations) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  deliver(report_with(150), remote, sender);
  sender.clear();
  deliver(report_with(150, "Sonar, again"), remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{"PUT " + kReport, "POST " + kAnnotations,
                                                         "POST " + kAnnotations}),
             boost::test_tools::per_element());
  BOOST_TEST(sender.requests[0].body.find("Sonar, again") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(removed_annotations_that_are_already_gone_count_as_done) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  deliver(report_with(3), remote, sender);
  sender.clear();
  sender.answer(404, R"({"type":"error","error":{"message":"not found"}})");
  ReportContent next = report_with(2);
  const DeliveryOutcome outcome = deliver(next, remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{"DELETE " + kAnnotations + "/f1002"}),
             boost::test_tools::per_element());
  BOOST_TEST(outcome.http_status == 404);
  BOOST_TEST(remote.annotations.size() == 2u);
}

BOOST_AUTO_TEST_CASE(
    half_failed_delivery_resumes_with_newer_content_and_sends_only_what_is_needed) {
  ScriptedSender sender;
  sender.answer(200).answer(200).answer(500, "upstream broke");
  RemoteState remote = known_remote();
  BOOST_CHECK_THROW(deliver(report_with(250), remote, sender), HostError);
  BOOST_TEST(sender.requests.size() == 3u);

  ReportContent newer = report_with(250);
  newer.annotations[5].summary = "newer 5";      // delivered in the first chunk
  newer.annotations[150].summary = "newer 150";  // in the chunk that failed
  sender.clear();
  deliver(newer, remote, sender);
  // f1005 changed, f1100..f1199 unknown after the failure, f1200..f1249 never sent: 151 items.
  BOOST_TEST(
      sender.lines() == (std::vector<std::string>{"POST " + kAnnotations, "POST " + kAnnotations}),
      boost::test_tools::per_element());
  const auto items = posted(sender);
  BOOST_REQUIRE_EQUAL(items.size(), 151u);
  for (const auto& item : items) {
    const int n = std::stoi(item.first.substr(1)) - 1000;
    BOOST_TEST((n == 5 || n >= 100));
    if (n == 5) BOOST_TEST(item.second == "newer 5");
    if (n == 150) BOOST_TEST(item.second == "newer 150");
  }
  sender.clear();
  deliver(newer, remote, sender);
  BOOST_TEST(sender.requests.empty());
}

BOOST_AUTO_TEST_CASE(a_report_put_that_may_have_landed_is_never_trusted_to_hold_the_old_fields) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  deliver(report_with(2, "first"), remote, sender);
  sender.clear();
  sender.fail(TransportError::Kind::timeout);
  BOOST_CHECK_THROW(deliver(report_with(2, "second"), remote, sender), TransportError);
  sender.clear();
  // Back to the first content: the host may hold "second" now, so "first" must be sent again.
  deliver(report_with(2, "first"), remote, sender);
  BOOST_REQUIRE(!sender.requests.empty());
  BOOST_TEST(sender.lines().front() == "PUT " + kReport);
  BOOST_TEST(sender.requests.front().body.find("\"first\"") != std::string::npos);
  BOOST_TEST(posted(sender).size() == 2u);
}

BOOST_AUTO_TEST_CASE(an_annotation_post_that_may_have_landed_is_resent_when_content_reverts) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  deliver(report_with(2), remote, sender);
  ReportContent changed = report_with(2);
  changed.annotations[1].summary = "changed";
  sender.clear();
  sender.fail(TransportError::Kind::ambiguous);
  BOOST_CHECK_THROW(deliver(changed, remote, sender), TransportError);
  sender.clear();
  deliver(report_with(2), remote, sender);
  BOOST_TEST(
      (posted(sender) == std::vector<std::pair<std::string, std::string>>{{"f1001", "finding 1"}}));
}

BOOST_AUTO_TEST_CASE(force_resends_the_report_and_every_annotation) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  deliver(report_with(120), remote, sender);
  sender.clear();
  deliver(report_with(120), remote, sender, true);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{"PUT " + kReport, "POST " + kAnnotations,
                                                         "POST " + kAnnotations}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(over_the_cap_only_the_first_1000_in_fixed_order_are_sent_with_a_note) {
  ScriptedSender sender;
  RemoteState remote = known_remote();
  ReportContent report = report_with(1000);
  report.details = "Quality gate failed";
  for (int i = 0; i < 5; ++i) report.annotations.push_back(finding(2000 + i, Severity::low));
  report.annotations.insert(report.annotations.begin(), finding(3000, Severity::critical));
  deliver(report, remote, sender);
  BOOST_TEST(sender.requests.size() == 11u);
  BOOST_TEST(sender.requests[0].body.find(
                 "\"details\":\"Quality gate failed (showing 1000 of 1006 findings, by "
                 "severity)\"") != std::string::npos);
  const auto items = posted(sender);
  BOOST_REQUIRE_EQUAL(items.size(), 1000u);
  BOOST_TEST(items.front().first == "f4000");  // the critical one leads
  for (const auto& item : items) BOOST_TEST(item.first.substr(0, 2) != "f3");
  BOOST_TEST(remote.annotations.size() == 1000u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
