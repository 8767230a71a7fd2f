// The fault kinds of the fault matrix: any refusal code, 429 without or with a dated
// Retry-After, answers cut mid-body, truncated, not JSON or of the wrong shape.
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/Timestamp.h>

#include <boost/test/unit_test.hpp>

#include "forge_sim.h"
#include "sim_client.h"

namespace cib::test {
namespace {

const std::string kComments = kRepo + "/pullrequests/1/comments";

}  // namespace

BOOST_AUTO_TEST_SUITE(fault_kinds)

BOOST_AUTO_TEST_CASE(any_refusal_code_answers_the_hosts_error_and_is_not_applied) {
  auto sim = sim_with_faults("413@1,422x2@2");
  SimClient client(sim.origin());
  const auto refused = client.post(kFaultStatus, status_body("a"));
  BOOST_TEST(refused.status == 413);
  BOOST_TEST(refused.json()->getObject("error")->getValue<std::string>("message") ==
             "Injected 413");
  BOOST_TEST(client.post(kFaultStatus, status_body("b")).status == 422);
  BOOST_TEST(client.post(kFaultStatus, status_body("c")).status == 422);
  BOOST_TEST(client.post(kFaultStatus, status_body("d")).status == 201);
  BOOST_TEST(!has_status(sim, "a"));
  BOOST_TEST(sim.requests()[0]->getValue<std::string>("fault") == "413");
  BOOST_CHECK_THROW(sim.set_faults("200@1"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(a_429_comes_without_retry_after_or_with_an_http_date) {
  auto sim = sim_with_faults("429-bare@1,429-date@2");
  SimClient client(sim.origin());
  const auto bare = client.post(kFaultStatus, status_body("a"));
  BOOST_TEST(bare.status == 429);
  BOOST_TEST(!bare.response.has("Retry-After"));
  const auto dated = client.post(kFaultStatus, status_body("b"));
  BOOST_TEST(dated.status == 429);
  int zone = 0;
  const auto when = Poco::DateTimeParser::parse(Poco::DateTimeFormat::HTTP_FORMAT,
                                                dated.header("Retry-After"), zone);
  const auto ahead_s = (when.timestamp() - Poco::Timestamp()) / Poco::Timespan::SECONDS;
  BOOST_TEST(ahead_s >= 1);
  BOOST_TEST(ahead_s <= 3);
}

BOOST_AUTO_TEST_CASE(cut_body_applies_then_ends_the_answer_half_way) {
  auto sim = sim_with_faults("cut-body@1");
  SimClient client(sim.origin());
  // The connection ends before the announced length: an error, or a body that falls short.
  bool cut = false;
  try {
    const auto reply = client.post(kFaultStatus, status_body("a"));
    cut = static_cast<Poco::Int64>(reply.body.size()) < reply.response.getContentLength64();
  } catch (const Poco::Exception&) {
    cut = true;
  }
  BOOST_TEST(cut);
  BOOST_TEST(has_status(sim, "a"));
  BOOST_TEST(sim.requests()[0]->getValue<int>("status") == 201);
}

BOOST_AUTO_TEST_CASE(spoilt_bodies_are_applied_and_answered_whole_but_unreadable) {
  auto sim = sim_with_faults("truncated@1,not-json@2,wrong-shape@3");
  SimClient client(sim.origin());
  const auto truncated = client.post(kFaultStatus, status_body("a"));
  BOOST_TEST(truncated.status == 201);
  BOOST_CHECK_THROW(truncated.json(), Poco::Exception);
  const auto html = client.get(kComments);
  BOOST_TEST(html.status == 200);
  BOOST_TEST(html.header("Content-Type") == "text/html");
  BOOST_TEST(html.body.find("<html>") == 0u);
  const auto shape = client.get(kComments);
  BOOST_TEST(shape.body == "[1,2,3]");
  BOOST_TEST(has_status(sim, "a"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
