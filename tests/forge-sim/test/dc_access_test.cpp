// forge-sim as Bitbucket Data Center: who may call (Bearer or Basic), the rate limit's 429
// with Retry-After and the headers cibatch's budget reads, and DC's error shape.
#include <Poco/Base64Encoder.h>

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "dc_sim.h"

using cib::test::DcSim;
using cib::test::ForgeSimOptions;
using cib::test::kDcRepo;

namespace {

const std::string kBuilds = kDcRepo + "/commits/abc123/builds";
const std::string kBuild = R"({"key":"build","state":"SUCCESSFUL","url":"https://ci.example/1"})";

std::string basic(const std::string& user, const std::string& password) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder << user << ":" << password;
  encoder.close();
  return "Basic " + out.str();
}

ForgeSimOptions with_token(const std::string& token) {
  ForgeSimOptions options;
  options.require_token = token;
  return options;
}

ForgeSimOptions limited(int requests) {
  ForgeSimOptions options;
  options.rate_limit = requests;
  options.rate_window_s = 600;
  return options;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dc_access)

BOOST_AUTO_TEST_CASE(a_request_without_a_credential_gets_dcs_401) {
  DcSim dc;
  dc.client.set_authorization("");
  const auto refused = dc.client.post(dc.rest(kBuilds), kBuild);
  BOOST_TEST(refused.status == 401);
  BOOST_TEST(refused.json()->getArray("errors")->getObject(0)->has("exceptionName"));
  BOOST_TEST(dc.sim.state()->getObject("statuses")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(bearer_and_basic_with_the_required_token_are_accepted) {
  DcSim dc(with_token("http-access-token"));
  const auto wrong = dc.client.post(dc.rest(kBuilds), kBuild);
  BOOST_TEST(wrong.status == 401);
  BOOST_TEST(cib::test::dc_message(wrong).find("Authentication failed") != std::string::npos);
  BOOST_TEST(wrong.body.find("http-access-token") == std::string::npos);
  dc.client.set_authorization("Bearer http-access-token");
  BOOST_TEST(dc.client.post(dc.rest(kBuilds), kBuild).status == 204);
  dc.client.set_authorization(basic("ci-user", "http-access-token"));
  BOOST_TEST(dc.client.get(dc.rest(kBuilds)).status == 200);
}

BOOST_AUTO_TEST_CASE(past_the_limit_dc_answers_429_with_retry_after) {
  DcSim dc(limited(2));
  const auto first = dc.client.post(dc.rest(kBuilds), kBuild);
  BOOST_TEST(first.status == 204);
  BOOST_TEST(first.header("X-RateLimit-Limit") == "2");
  BOOST_TEST(first.header("X-RateLimit-Remaining") == "1");
  BOOST_TEST(first.header("RateLimit-Remaining").empty());  // not GitLab's headers
  BOOST_TEST(dc.client.get(dc.rest(kBuilds)).header("X-RateLimit-Remaining") == "0");
  const auto refused = dc.client.get(dc.rest(kBuilds));
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(std::stoi(refused.header("Retry-After")) >= 1);
  BOOST_TEST(std::stoi(refused.header("Retry-After")) <= 600);
  BOOST_TEST(!cib::test::dc_message(refused).empty());
  BOOST_TEST(dc.sim.stats()->getValue<int>("rate_limited") == 1);
}

BOOST_AUTO_TEST_CASE(unknown_paths_and_bad_escapes_answer_in_dcs_shape) {
  DcSim dc;
  const auto unknown = dc.client.get(dc.rest("/api/latest/projects/PRJ/repos/web/branches"));
  BOOST_TEST(unknown.status == 404);
  BOOST_TEST(!cib::test::dc_message(unknown).empty());
  BOOST_TEST(dc.client.get(dc.sim.origin() + "/2.0/repositories/acme/web").status == 404);
  const auto bad = dc.client.get(dc.rest("/api/latest/projects/P%ZZ/repos/web/commits/a/builds"));
  BOOST_TEST(bad.status == 400);
  BOOST_TEST(!cib::test::dc_message(bad).empty());
  // A body that is not JSON.
  BOOST_TEST(dc.client.post(dc.rest(kBuilds), "{not json").status == 400);
}

BOOST_AUTO_TEST_CASE(injected_faults_answer_in_dcs_shape) {
  ForgeSimOptions options;
  options.faults = "429@1,409@2";
  DcSim dc(options);
  const auto limited = dc.client.post(dc.rest(kBuilds), kBuild);
  BOOST_TEST(limited.status == 429);
  BOOST_TEST(limited.header("Retry-After") == "1");
  BOOST_TEST(!cib::test::dc_message(limited).empty());
  const auto conflict = dc.client.post(dc.rest(kBuilds), kBuild);
  BOOST_TEST(conflict.status == 409);
  BOOST_TEST(!cib::test::dc_message(conflict).empty());
  BOOST_TEST(dc.client.post(dc.rest(kBuilds), kBuild).status == 204);
}

BOOST_AUTO_TEST_SUITE_END()
