#include <boost/test/unit_test.hpp>

#include "dc_fixtures.h"

namespace cib::test {

namespace {

DeliveryOutcome post_report(Provider& provider, const ReportContent& report, RemoteState& remote,
                            ScriptedSender& sender, bool force = false) {
  return provider.deliver(report_slot(), report, force, remote, sender);
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// What a slot knows after `report` was delivered to `provider`.
RemoteState delivered(Provider& provider, const ReportContent& report) {
  ScriptedSender sender = dc_sender();
  RemoteState remote = known_remote();
  post_report(provider, report, remote, sender);
  return remote;
}

std::string report_answer() {
  return R"({"key":"sonar","title":"Sonar","result":"FAIL","data":[]})";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dc_report)

// A new agent GETs the report once (404: nothing there), then PUTs it and POSTs every finding in
// one request; the fields and annotations follow DC's schema.
BOOST_AUTO_TEST_CASE(first_delivery_is_a_lookup_a_put_and_one_post) {
  ScriptedSender sender = dc_sender();
  sender.answer(404, R"({"errors":[{"message":"no report"}]})").answer(200, report_answer());
  sender.answer(204, "");
  ReportContent report = report_with(3);
  report.annotations[0].severity = Severity::critical;
  report.annotations[1].details = "why";
  report.data = {{"Coverage", DataType::percentage, "81.5"},
                 {"Gate", DataType::link, "https://sonar.example/q"},
                 {"Analysed", DataType::date, "yesterday"}};
  const auto provider = data_center();
  RemoteState remote;
  const DeliveryOutcome outcome = post_report(*provider, report, remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("GET ") + kDcReport,
                                                         std::string("PUT ") + kDcReport,
                                                         "POST " + dc_annotations()}));
  BOOST_TEST(outcome.requests == 3);
  BOOST_TEST(sender.requests[1].body ==
             R"({"title":"Sonar","result":"FAIL","data":[)"
             R"({"title":"Coverage","type":"PERCENTAGE","value":81.5},)"
             R"({"title":"Gate","type":"LINK","value":{"linktext":"https://sonar.example/q",)"
             R"("href":"https://sonar.example/q"}},)"
             R"({"title":"Analysed","type":"TEXT","value":"yesterday"}]})");
  const std::string& posted = sender.requests[2].body;
  BOOST_TEST(posted.rfind(R"({"annotations":[{"externalId":"f1000","message":"finding 0",)"
                          R"("severity":"HIGH","type":"BUG","path":"src/file1000.cpp","line":1})",
                          0) == 0);
  BOOST_TEST(posted.find(R"("message":"finding 1\n\nwhy")") != std::string::npos);
  BOOST_TEST(sender.requests[2].items == 3);
  BOOST_TEST(!sender.requests[2].idempotent);
  BOOST_TEST(remote.report_known);
  BOOST_TEST(remote.annotations.size() == 3u);

  sender.clear();
  BOOST_TEST(post_report(*provider, report, remote, sender).requests == 0);
}

BOOST_AUTO_TEST_CASE(a_change_deletes_changed_and_removed_ids_in_one_request_then_posts_once) {
  const auto provider = data_center();
  RemoteState remote = delivered(*provider, report_with(4));
  ScriptedSender sender = dc_sender();

  ReportContent next = report_with(4);
  next.annotations[1].summary = "finding 1, worse";
  next.annotations.erase(next.annotations.begin() + 3);  // f1003 fixed
  next.annotations.push_back(finding(7));                // f1007 new
  sender.answer(204, "").answer(204, "");
  const DeliveryOutcome outcome = post_report(*provider, next, remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{"DELETE " + dc_annotations() +
                                                             "?externalId=f1001&externalId=f1003",
                                                         "POST " + dc_annotations()}));
  BOOST_TEST(outcome.requests == 2);
  BOOST_TEST(count_of(sender.requests[1].body, "externalId") == 2u);
  BOOST_TEST(sender.requests[1].body.find("f1001") != std::string::npos);
  BOOST_TEST(sender.requests[1].body.find("f1007") != std::string::npos);
  BOOST_TEST(remote.annotations.count("f1003") == 0u);
  BOOST_TEST(remote.annotations.size() == 4u);
}

// What the core saves before each request: the ids a POST carries are marked "may exist" before
// it leaves, and ids a DELETE removed are gone from the record before the POST.
BOOST_AUTO_TEST_CASE(remote_state_says_before_each_request_what_the_host_may_hold) {
  const auto provider = data_center();
  RemoteState remote = delivered(*provider, report_with(2));
  const std::string old_digest = remote.annotations.at("f1001");
  ReportContent next = report_with(2);
  next.annotations[1].summary = "changed";
  next.annotations.push_back(finding(5));
  ScriptedSender sender = dc_sender();
  sender.watch = &remote;
  post_report(*provider, next, remote, sender);
  BOOST_TEST_REQUIRE(sender.watched.size() == 2u);
  BOOST_TEST(sender.watched[0].annotations.at("f1001") == old_digest);
  BOOST_TEST(sender.watched[1].annotations.at("f1001").empty());
  BOOST_TEST(sender.watched[1].annotations.at("f1005").empty());
  BOOST_TEST(!sender.watched[1].annotations.at("f1000").empty());
  BOOST_TEST(!remote.annotations.at("f1005").empty());
}

// The POST's connection drops after sending: DC may hold those annotations. The retry deletes
// them by id before posting them again, so none is held twice.
BOOST_AUTO_TEST_CASE(a_post_cut_short_is_resumed_without_duplicates) {
  ScriptedSender sender = dc_sender();
  sender.answer(200, "{}").fail(TransportError::Kind::ambiguous);
  const auto provider = data_center();
  RemoteState remote = known_remote();
  BOOST_CHECK_THROW(post_report(*provider, report_with(2), remote, sender), TransportError);
  BOOST_TEST(remote.report_known);
  BOOST_TEST(remote.annotations.at("f1000").empty());

  sender.clear();
  post_report(*provider, report_with(2), remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{"DELETE " + dc_annotations() +
                                                             "?externalId=f1000&externalId=f1001",
                                                         "POST " + dc_annotations()}));
  BOOST_TEST(!remote.annotations.at("f1000").empty());
}

// Another agent left a report: its fields are compared, but what annotations it holds is
// unknown, so all are cleared before the desired ones are posted.
BOOST_AUTO_TEST_CASE(a_report_found_on_a_cold_start_is_cleared_and_posted) {
  ScriptedSender sender = dc_sender();
  sender.answer(200, report_answer());
  RemoteState remote;
  const DeliveryOutcome outcome = post_report(*data_center(), report_with(2), remote, sender);
  BOOST_TEST(sender.lines() ==
             (std::vector<std::string>{std::string("GET ") + kDcReport,
                                       "DELETE " + dc_annotations(), "POST " + dc_annotations()}));
  BOOST_TEST(outcome.requests == 3);
  BOOST_TEST(remote.annotations.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_cold_report_with_other_fields_is_put_as_well) {
  for (const char* held : {R"({"title":"Old","result":"FAIL","data":[]})",
                           R"({"title":"Sonar","result":"FAIL","data":[{"title":"x","type":)"
                           R"("LINK","value":{"linktext":"other","href":"https://x"}}]})",
                           R"({"title":"Sonar","result":"MAYBE","data":[]})"}) {
    ScriptedSender sender = dc_sender();
    sender.answer(200, held);
    RemoteState remote;
    post_report(*data_center(), report_with(1), remote, sender);
    BOOST_TEST(
        sender.lines() ==
        (std::vector<std::string>{std::string("GET ") + kDcReport, std::string("PUT ") + kDcReport,
                                  "DELETE " + dc_annotations(), "POST " + dc_annotations()}));
  }
}

// The fields DC hands back read as the same body: a cold start with the same report PUTs
// nothing.
BOOST_AUTO_TEST_CASE(held_data_fields_read_back_as_sent) {
  ReportContent report = report_with(0);
  report.details = "Gate failed";
  report.data = {{"Coverage", DataType::percentage, "81.5"},
                 {"Lines", DataType::number, "12000"},
                 {"Gate", DataType::link, "https://sonar.example/q"},
                 {"Passed", DataType::boolean, "false"},
                 {"Note", DataType::text, "x"}};
  ScriptedSender sender = dc_sender();
  RemoteState first = known_remote();
  const auto provider = data_center();
  post_report(*provider, report, first, sender);
  const std::string held = sender.requests[0].body;

  sender.clear();
  sender.answer(200, held);
  RemoteState cold;
  post_report(*provider, report, cold, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("GET ") + kDcReport,
                                                         "DELETE " + dc_annotations()}));
}

// A SonarQube analysis of 1,500 findings and 8 measures: the 1,000 first in the fixed order go
// in one POST, and the report says what was left out.
BOOST_AUTO_TEST_CASE(a_big_sonar_report_is_capped_to_1000_findings_and_6_data_fields) {
  ScriptedSender sender = dc_sender();
  ReportContent report = report_with(1500);
  report.details = "Quality gate failed";
  for (int i = 0; i < 8; ++i) {
    report.data.push_back({"m" + std::to_string(i), DataType::number, std::to_string(i)});
  }
  report.annotations[1400].severity = Severity::critical;  // sorts first
  RemoteState remote = known_remote();
  const DeliveryOutcome outcome = post_report(*data_center(), report, remote, sender);
  BOOST_TEST(outcome.requests == 2);
  const std::string& put = sender.requests[0].body;
  BOOST_TEST(put.find("Quality gate failed (showing 1000 of 1500 findings, by severity) "
                      "(showing 6 of 8 data fields)") != std::string::npos);
  BOOST_TEST(count_of(put, R"("title":"m)") == 6u);
  const std::string& posted = sender.requests[1].body;
  BOOST_TEST(count_of(posted, "externalId") == 1000u);
  BOOST_TEST(posted.find(R"({"annotations":[{"externalId":"f2400")") == 0u);
  BOOST_TEST(sender.requests[1].items == 1000);
}

BOOST_AUTO_TEST_CASE(a_report_deleted_by_someone_is_put_again_on_the_retry) {
  const auto provider = data_center();
  RemoteState remote = delivered(*provider, report_with(1));
  ScriptedSender sender = dc_sender();
  sender.answer(404, R"({"errors":[{"message":"Report not found"}]})");
  ReportContent more = report_with(2);
  const HostError error = host_error_of([&] { post_report(*provider, more, remote, sender); });
  BOOST_TEST(error.transient());
  sender.clear();
  post_report(*provider, more, remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{std::string("PUT ") + kDcReport,
                                                         "POST " + dc_annotations()}));
  BOOST_TEST(count_of(sender.requests[1].body, "externalId") == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
