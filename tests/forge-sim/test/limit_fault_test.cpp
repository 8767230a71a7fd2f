// Validation against the API description, authentication, rate limits and injected faults.
#include <Poco/Exception.h>

#include <boost/test/unit_test.hpp>
#include <chrono>

#include "forge_sim.h"
#include "sim_client.h"

using cib::test::ForgeSim;
using cib::test::ForgeSimOptions;
using cib::test::has_status;
using cib::test::kRepo;
using cib::test::sim_with_faults;
using cib::test::SimClient;
using cib::test::status_body;

namespace {

const std::string& kStatus = cib::test::kFaultStatus;

}  // namespace

BOOST_AUTO_TEST_SUITE(validation)

BOOST_AUTO_TEST_CASE(a_state_outside_the_enum_is_refused_and_logged_invalid) {
  ForgeSim sim;
  SimClient client(sim.origin());
  const auto reply = client.post(kStatus, status_body("build", "DONE"));
  BOOST_TEST(reply.status == 400);
  BOOST_TEST(reply.json()->getObject("error")->getValue<std::string>("message").find("state") !=
             std::string::npos);
  const auto logged = sim.requests();
  BOOST_REQUIRE(logged.size() == 1u);
  BOOST_TEST(logged[0]->getValue<bool>("valid") == false);
  BOOST_TEST(logged[0]->getObject("body")->getValue<std::string>("state") == "DONE");
  BOOST_TEST(sim.stats()->getValue<int>("invalid") == 1);
  BOOST_TEST(!has_status(sim, "build"));
}

BOOST_AUTO_TEST_CASE(wrong_types_and_unknown_fields_of_closed_objects_are_refused) {
  ForgeSim sim;
  SimClient client(sim.origin());
  BOOST_TEST(client.post(kStatus, R"({"key":7,"state":"SUCCESSFUL"})").status == 400);
  BOOST_TEST(client.post(kStatus, R"({"state":"SUCCESSFUL"})").status == 400);
  const std::string comments = kRepo + "/pullrequests/1/comments";
  BOOST_TEST(client.post(comments, R"({"content":{"raw":"x","colour":"red"}})").status == 400);
  BOOST_TEST(client.post(comments, R"({"content":{"raw":"x","markup":"html"}})").status == 400);
  const std::string report = kRepo + "/commit/abc123/reports/r1";
  BOOST_TEST(client.put(report, R"({"title":"t","link":"not a uri"})").status == 400);
  BOOST_TEST(client.put(report, R"({"title":"t","report_type":"BUG"})").status == 200);
  BOOST_TEST(client.post(report + "/annotations", R"([{"external_id":"a","line":0}])").status ==
             400);
  BOOST_TEST(client.post(report + "/annotations", "[]").status == 400);
  // `type`, required by the description's base schema, is not required of clients.
  BOOST_TEST(client.post(kStatus, status_body("build")).status == 201);
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_json_is_refused) {
  ForgeSim sim;
  SimClient client(sim.origin());
  BOOST_TEST(client.send("POST", kStatus, status_body("build"), "text/plain").status == 415);
  BOOST_TEST(client.post(kStatus, "{not json").status == 400);
  BOOST_TEST(sim.stats()->getValue<int>("invalid") == 2);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(authentication)

BOOST_AUTO_TEST_CASE(a_request_without_credentials_is_401) {
  ForgeSim sim;
  SimClient client(sim.origin(), "");
  BOOST_TEST(client.post(kStatus, status_body("build")).status == 401);
  BOOST_TEST(!has_status(sim, "build"));
}

BOOST_AUTO_TEST_CASE(only_the_required_token_is_accepted_and_no_token_is_logged) {
  ForgeSimOptions options;
  options.require_token = "s3cret-token";
  ForgeSim sim(options);
  SimClient wrong(sim.origin(), "Bearer other-token");
  BOOST_TEST(wrong.post(kStatus, status_body("build")).status == 401);
  SimClient right(sim.origin(), "Bearer s3cret-token");
  BOOST_TEST(right.post(kStatus, status_body("build")).status == 201);
  const std::string log = sim.control("GET", "/_sim/requests");
  BOOST_TEST(log.find("s3cret-token") == std::string::npos);
  BOOST_TEST(log.find("other-token") == std::string::npos);
  const auto logged = sim.requests();
  BOOST_TEST(logged[1]->getValue<std::string>("token").size() == 12u);
  BOOST_TEST(logged[0]->getValue<std::string>("token") !=
             logged[1]->getValue<std::string>("token"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rate_limit)

BOOST_AUTO_TEST_CASE(headers_announce_the_limit_and_the_window_refuses_with_retry_after) {
  ForgeSimOptions options;
  options.rate_limit = 5;
  options.rate_window_s = 60;
  ForgeSim sim(options);
  SimClient client(sim.origin());
  for (int i = 1; i <= 5; ++i) {
    const auto reply = client.get(kRepo + "/commit/abc123/statuses");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.header("X-RateLimit-Limit") == "5");
    BOOST_TEST(reply.header("X-RateLimit-NearLimit") == (i >= 4 ? "true" : ""));
  }
  const auto refused = client.get(kRepo + "/commit/abc123/statuses");
  BOOST_TEST(refused.status == 429);
  const int retry_after = std::stoi(refused.header("Retry-After"));
  BOOST_TEST(retry_after >= 1);
  BOOST_TEST(retry_after <= 60);
  BOOST_TEST(sim.stats()->getValue<int>("rate_limited") == 1);

  // The window is per token.
  SimClient other(sim.origin(), "Bearer another-token");
  BOOST_TEST(other.get(kRepo + "/commit/abc123/statuses").status == 200);
}

BOOST_AUTO_TEST_CASE(retry_after_can_be_left_out) {
  ForgeSimOptions options;
  options.rate_limit = 1;
  options.retry_after = false;
  ForgeSim sim(options);
  SimClient client(sim.origin());
  BOOST_TEST(client.get(kRepo + "/commit/abc123/statuses").status == 200);
  const auto refused = client.get(kRepo + "/commit/abc123/statuses");
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(!refused.response.has("Retry-After"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(faults)

BOOST_AUTO_TEST_CASE(a_503_burst_answers_its_requests_then_recovers) {
  auto sim = sim_with_faults("503x3@2");
  SimClient client(sim.origin());
  std::vector<int> statuses;
  for (int i = 0; i < 5; ++i)
    statuses.push_back(client.post(kStatus, status_body("k" + std::to_string(i))).status);
  BOOST_TEST(statuses == (std::vector<int>{201, 503, 503, 503, 201}),
             boost::test_tools::per_element());
  BOOST_TEST(!has_status(sim, "k1"));
  BOOST_TEST(sim.requests()[1]->getValue<std::string>("fault") == "503");
}

BOOST_AUTO_TEST_CASE(an_injected_429_carries_retry_after_1) {
  auto sim = sim_with_faults("429@1");
  SimClient client(sim.origin());
  const auto reply = client.post(kStatus, status_body("build"));
  BOOST_TEST(reply.status == 429);
  BOOST_TEST(reply.header("Retry-After") == "1");
  BOOST_TEST(!has_status(sim, "build"));
}

BOOST_AUTO_TEST_CASE(drop_before_closes_without_applying) {
  auto sim = sim_with_faults("drop-before@1");
  SimClient client(sim.origin());
  BOOST_CHECK_THROW(client.post(kStatus, status_body("build")), Poco::Exception);
  BOOST_TEST(!has_status(sim, "build"));
  BOOST_TEST(client.post(kStatus, status_body("next")).status == 201);
  const auto logged = sim.requests();
  BOOST_REQUIRE(logged.size() == 2u);
  BOOST_TEST(logged[0]->isNull("status"));
  BOOST_TEST(sim.stats()->getValue<int>("dropped") == 1);
}

BOOST_AUTO_TEST_CASE(drop_after_applies_then_closes_without_answering) {
  auto sim = sim_with_faults("drop-after@1");
  SimClient client(sim.origin());
  BOOST_CHECK_THROW(client.post(kStatus, status_body("build")), Poco::Exception);
  BOOST_TEST(has_status(sim, "build"));
  const auto logged = sim.requests();
  BOOST_REQUIRE(logged.size() == 1u);
  BOOST_TEST(logged[0]->getValue<std::string>("fault") == "drop-after");
}

BOOST_AUTO_TEST_CASE(slow_answers_after_the_delay) {
  auto sim = sim_with_faults("slow=300@1");
  SimClient client(sim.origin());
  const auto start = std::chrono::steady_clock::now();
  BOOST_TEST(client.post(kStatus, status_body("build")).status == 201);
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  BOOST_TEST(waited.count() >= 300);
}

BOOST_AUTO_TEST_CASE(latency_delays_every_api_answer_and_no_control_answer) {
  ForgeSimOptions options;
  options.extra_args = {"--latency-ms", "250"};
  ForgeSim sim(options);
  SimClient client(sim.origin());
  for (const char* key : {"a", "b"}) {
    const auto start = std::chrono::steady_clock::now();
    BOOST_TEST(client.post(kStatus, status_body(key)).status == 201);
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    BOOST_TEST(waited.count() >= 250);
  }
  BOOST_TEST(sim.stats()->getValue<int>("requests") == 2);  // the control call is not an API one
}

BOOST_AUTO_TEST_CASE(faults_set_at_run_time_count_from_the_next_request) {
  ForgeSim sim;
  SimClient client(sim.origin());
  BOOST_TEST(client.post(kStatus, status_body("a")).status == 201);
  sim.set_faults("503@2");
  BOOST_TEST(client.post(kStatus, status_body("b")).status == 201);
  BOOST_TEST(client.post(kStatus, status_body("c")).status == 503);
  BOOST_CHECK_THROW(sim.set_faults("boom@1"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(random_faults_repeat_for_the_same_seed) {
  auto run = [](const std::string& spec) {
    auto sim = sim_with_faults(spec);
    SimClient client(sim.origin());
    std::string outcomes;
    for (int i = 0; i < 40; ++i) {
      try {
        outcomes += std::to_string(client.post(kStatus, status_body("k")).status) + ",";
      } catch (const Poco::Exception&) {
        outcomes += "drop,";
      }
    }
    return outcomes;
  };
  const auto first = run("random:0.3:42");
  BOOST_TEST(first == run("random:0.3:42"));
  BOOST_TEST(first.find("201") != std::string::npos);
  BOOST_TEST((first.find("503") != std::string::npos || first.find("drop") != std::string::npos));
}

BOOST_AUTO_TEST_CASE(reset_forgets_state_log_and_counters) {
  ForgeSim sim;
  SimClient client(sim.origin());
  client.post(kStatus, status_body("build"));
  sim.reset();
  BOOST_TEST(sim.requests().empty());
  BOOST_TEST(sim.stats()->getValue<int>("requests") == 0);
  BOOST_TEST(!has_status(sim, "build"));
}

BOOST_AUTO_TEST_SUITE_END()
