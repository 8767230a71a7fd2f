// forge-sim as GitHub: a GitHub App's JWT traded for an installation token, the JWTs it
// refuses, and the token's expiry.
#include <Poco/Timestamp.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "github_sim.h"

using cib::test::ForgeSimOptions;
using cib::test::GithubAppKey;
using cib::test::GithubSim;
using cib::test::kGithubAppId;
using cib::test::kGithubRepo;
using cib::test::SimClient;

namespace {

const std::string kExchange = "/app/installations/7/access_tokens";

cib::test::Reply trade(GithubSim& gh, const std::string& jwt) {
  SimClient client(gh.sim.origin(), "Bearer " + jwt);
  return client.post(gh.api(kExchange), "");
}

std::int64_t now_s() {
  return Poco::Timestamp().epochTime();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_app)

BOOST_AUTO_TEST_CASE(a_jwt_signed_by_the_app_is_traded_for_an_installation_token) {
  GithubAppKey key;
  GithubSim gh({}, &key);
  const auto reply = trade(gh, key.jwt_now(kGithubAppId));
  BOOST_TEST(reply.status == 201);
  const auto token = reply.json()->getValue<std::string>("token");
  BOOST_TEST(token.rfind("ghs_", 0) == 0u);
  const auto expires_at = reply.json()->getValue<std::string>("expires_at");
  BOOST_TEST(expires_at.back() == 'Z');

  SimClient app(gh.sim.origin(), "Bearer " + token);
  BOOST_TEST(app.get(gh.api(kGithubRepo + "/commits/abc123/check-runs")).status == 200);
  const auto created = app.post(gh.api(kGithubRepo + "/check-runs"),
                                R"({"name":"lint","head_sha":"abc123","status":"in_progress"})");
  BOOST_TEST(created.status == 201);
}

BOOST_AUTO_TEST_CASE(a_jwt_of_another_key_app_or_lifetime_is_refused) {
  GithubAppKey key;
  GithubAppKey other;
  GithubSim gh({}, &key);
  const auto now = now_s();
  BOOST_TEST(trade(gh, other.jwt_now(kGithubAppId)).status == 401);                  // another key
  BOOST_TEST(trade(gh, key.jwt_now(kGithubAppId + 1)).status == 401);                // another app
  BOOST_TEST(trade(gh, key.jwt(now - 700, now - 100, kGithubAppId)).status == 401);  // expired
  BOOST_TEST(trade(gh, key.jwt(now - 60, now + 600, kGithubAppId)).status == 401);   // > 10 min
  BOOST_TEST(trade(gh, "not.a.jwt").status == 401);
  auto tampered = key.jwt_now(kGithubAppId);
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  BOOST_TEST(trade(gh, tampered).status == 401);
  const auto refused = trade(gh, key.jwt(now - 60, now + 600, kGithubAppId));
  BOOST_TEST(refused.json()->getValue<std::string>("message").find("exp") != std::string::npos);
  BOOST_TEST(trade(gh, key.jwt_now(kGithubAppId)).status == 201);
}

BOOST_AUTO_TEST_CASE(tokens_of_one_installation_share_its_rate_limit) {
  GithubAppKey key;
  ForgeSimOptions options;
  options.rate_limit = 3;
  GithubSim gh(options, &key);
  const auto target = gh.api(kGithubRepo + "/commits/abc123/statuses");
  SimClient first(gh.sim.origin(), "Bearer " + gh.installation_token(key));
  BOOST_TEST(first.get(target).header("x-ratelimit-remaining") == "2");
  SimClient second(gh.sim.origin(), "Bearer " + gh.installation_token(key));
  BOOST_TEST(second.get(target).header("x-ratelimit-remaining") == "1");
  BOOST_TEST(first.get(target).header("x-ratelimit-remaining") == "0");
  BOOST_TEST(second.get(target).status == 403);
}

BOOST_AUTO_TEST_CASE(an_unknown_installation_token_is_bad_credentials) {
  GithubSim gh;
  SimClient forged(gh.sim.origin(), "Bearer ghs_made_up");
  const auto reply = forged.get(gh.api(kGithubRepo + "/commits/abc123/statuses"));
  BOOST_TEST(reply.status == 401);
  BOOST_TEST(reply.json()->getValue<std::string>("message") == "Bad credentials");
}

BOOST_AUTO_TEST_CASE(an_installation_token_expires_after_its_ttl) {
  GithubAppKey key;
  ForgeSimOptions options;
  options.extra_args = {"--github-token-ttl-s", "1"};
  GithubSim gh(options, &key);
  SimClient app(gh.sim.origin(), "Bearer " + gh.installation_token(key));
  const auto target = gh.api(kGithubRepo + "/commits/abc123/statuses");
  BOOST_TEST(app.get(target).status == 200);
  // Time has to pass for a token to expire; poll until it has, within a bound.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 200;
  while (status == 200 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    status = app.get(target).status;
  }
  BOOST_TEST(status == 401);
  BOOST_TEST(trade(gh, key.jwt_now(kGithubAppId)).status == 201);  // a new one is issued
}

BOOST_AUTO_TEST_SUITE_END()
