#include <boost/test/unit_test.hpp>

#include "github_fixtures.h"
#include "providers/github/check_run_plan.h"

namespace cib::test {

namespace {

using github::CheckRunDigests;
using github::CheckRunPlan;
using github::CheckRunStep;
using Kind = CheckRunStep::Kind;

CheckRunDigests digests(int annotations, const std::string& run = "r1") {
  CheckRunDigests d;
  d.run = run;
  for (int i = 0; i < annotations; ++i) d.annotations.emplace_back("f" + std::to_string(i), "d");
  return d;
}

std::vector<std::size_t> range(std::size_t from, std::size_t to) {
  std::vector<std::size_t> out;
  for (std::size_t i = from; i < to; ++i) out.push_back(i);
  return out;
}

// What a run holding `d`'s first `held` annotations, completed with `d.run`, says.
RemoteState holding(const CheckRunDigests& d, std::size_t held) {
  RemoteState remote;
  remote.remote_id = "77";
  remote.report_known = true;
  remote.report_digest = d.run;
  for (std::size_t i = 0; i < held; ++i) remote.annotations.insert(d.annotations[i]);
  return remote;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_check_run_plan)

BOOST_AUTO_TEST_CASE(a_first_delivery_creates_with_50_then_patches_50_at_a_time) {
  const CheckRunPlan plan = plan_check_run(digests(120), RemoteState{}, false);
  BOOST_TEST(plan.size() == 3u);  // 1 + ceil(70 / 50)
  BOOST_TEST((plan.at(0) == CheckRunStep{Kind::create, range(0, 50), false}));
  BOOST_TEST((plan.at(1) == CheckRunStep{Kind::update, range(50, 100), false}));
  BOOST_TEST((plan.at(2) == CheckRunStep{Kind::update, range(100, 120), true}));
  BOOST_TEST(plan_check_run(digests(0), RemoteState{}, false).size() == 1u);
  BOOST_TEST(plan_check_run(digests(50), RemoteState{}, false).at(0).completes);
}

BOOST_AUTO_TEST_CASE(unchanged_content_sends_nothing) {
  const CheckRunDigests d = digests(60);
  BOOST_TEST(plan_check_run(d, holding(d, 60), false).empty());
}

BOOST_AUTO_TEST_CASE(added_findings_patch_the_remembered_run) {
  const CheckRunDigests d = digests(130);
  const CheckRunPlan plan = plan_check_run(d, holding(d, 20), false);
  BOOST_TEST(plan.size() == 3u);  // ceil(110 / 50)
  BOOST_TEST((plan.at(0) == CheckRunStep{Kind::update, range(20, 70), false}));
  BOOST_TEST((plan.at(2) == CheckRunStep{Kind::update, range(120, 130), true}));
}

BOOST_AUTO_TEST_CASE(changed_fields_alone_take_one_patch) {
  const CheckRunDigests d = digests(10, "r2");
  RemoteState remote = holding(d, 10);
  remote.report_digest = "r1";
  const CheckRunPlan plan = plan_check_run(d, remote, false);
  BOOST_TEST(plan.size() == 1u);
  BOOST_TEST((plan.at(0) == CheckRunStep{Kind::update, {}, true}));
}

BOOST_AUTO_TEST_CASE(a_changed_or_removed_finding_makes_a_new_run) {
  const CheckRunDigests d = digests(10);
  RemoteState changed = holding(d, 10);
  changed.annotations["f3"] = "other";
  BOOST_TEST((plan_check_run(d, changed, false).at(0).kind == Kind::create));
  RemoteState removed = holding(d, 10);
  removed.annotations["gone"] = "d";
  const CheckRunPlan plan = plan_check_run(d, removed, false);
  BOOST_TEST(plan.size() == 1u);
  BOOST_TEST((plan.at(0) == CheckRunStep{Kind::create, range(0, 10), true}));
  BOOST_TEST((plan_check_run(d, holding(d, 10), true).at(0).kind == Kind::create));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(github_check_run_delivery)

BOOST_AUTO_TEST_CASE(a_report_becomes_a_check_run_completed_by_its_last_request) {
  ScriptedSender sender;
  sender.answer(201, R"({"id":501})").answer(200, R"({"id":501})").answer(200, R"({"id":501})");
  ReportContent report = report_with(120);
  report.link = "https://sonar.example/r";
  RemoteState remote;
  const DeliveryOutcome outcome =
      github(true)->deliver(report_slot(), report, false, remote, sender);
  BOOST_TEST(outcome.requests == 3);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{"POST /repos/acme/web/check-runs",
                                                         "PATCH /repos/acme/web/check-runs/501",
                                                         "PATCH /repos/acme/web/check-runs/501"}));
  const std::string& create = sender.requests.at(0).body;
  BOOST_TEST(create.find(R"("name":"Sonar","head_sha":"abc0123","external_id":"sonar")") !=
             std::string::npos);
  BOOST_TEST(create.find(R"("status":"in_progress")") != std::string::npos);
  BOOST_TEST(create.find(R"("annotation_level":"failure")") != std::string::npos);
  BOOST_TEST(sender.requests.at(1).body.find("conclusion") == std::string::npos);
  BOOST_TEST(sender.requests.at(2).body.find(R"("status":"completed","conclusion":"failure")") !=
             std::string::npos);
  BOOST_TEST(remote.remote_id == "501");
  BOOST_TEST(remote.annotations.size() == 120u);
  BOOST_TEST(remote.report_known);
  expect_github_valid(sender);
}

BOOST_AUTO_TEST_CASE(a_cut_delivery_resumes_with_the_annotations_not_sent) {
  ScriptedSender sender;
  sender.answer(201, R"({"id":501})").fail(TransportError::Kind::connect);
  const auto provider = github(true);
  RemoteState remote;
  BOOST_CHECK_THROW(provider->deliver(report_slot(), report_with(80), false, remote, sender),
                    TransportError);
  BOOST_TEST(remote.remote_id == "501");
  BOOST_TEST(remote.annotations.size() == 50u);
  BOOST_TEST(!remote.report_known);
  sender.clear();
  provider->deliver(report_slot(), report_with(80), false, remote, sender);
  BOOST_TEST(sender.lines() == std::vector<std::string>{"PATCH /repos/acme/web/check-runs/501"});
  BOOST_TEST(sender.requests.at(0).body.find(R"("conclusion":"failure")") != std::string::npos);
  BOOST_TEST(remote.annotations.size() == 80u);
  BOOST_TEST(remote.report_known);
}

BOOST_AUTO_TEST_CASE(a_run_gone_from_the_host_is_made_again) {
  ScriptedSender sender;
  sender.answer(404, R"({"message":"Not Found"})").answer(201, R"({"id":600})");
  ReportContent report = report_with(3);
  RemoteState remote;
  remote.remote_id = "501";
  remote.report_known = true;
  remote.report_digest = "old";
  github(true)->deliver(report_slot(), report, false, remote, sender);
  BOOST_TEST(sender.lines() == (std::vector<std::string>{"PATCH /repos/acme/web/check-runs/501",
                                                         "POST /repos/acme/web/check-runs"}));
  BOOST_TEST(remote.remote_id == "600");
  BOOST_TEST(remote.report_known);
}

BOOST_AUTO_TEST_CASE(findings_without_a_file_are_counted_in_the_summary) {
  ScriptedSender sender;
  sender.answer(201, R"({"id":1})");
  ReportContent report = report_with(2);
  report.annotations.at(1).path.clear();
  report.result = ReportResult::pending;
  RemoteState remote;
  github(true)->deliver(report_slot(), report, false, remote, sender);
  const std::string& body = sender.requests.at(0).body;
  BOOST_TEST(body.find("1 findings name no file") != std::string::npos);
  BOOST_TEST(body.find(R"("conclusion":"neutral")") != std::string::npos);
  BOOST_TEST(remote.annotations.size() == 1u);
  expect_github_valid(sender);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
