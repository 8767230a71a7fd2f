// forge-sim as GitHub: the primary rate-limit headers and refusal, conditional GETs (a 304 is
// not counted), and the secondary limits on writes per minute and concurrent requests.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "github_sim.h"

using cib::test::ForgeSimOptions;
using cib::test::GithubSim;
using cib::test::kGithubRepo;
using cib::test::SimClient;

namespace {

const std::string kList = kGithubRepo + "/commits/abc123/statuses";
const std::string kPost = kGithubRepo + "/statuses/abc123";
const std::string kStatus = R"({"state":"success","context":"ci/build"})";

ForgeSimOptions limited(int limit) {
  ForgeSimOptions options;
  options.rate_limit = limit;
  options.rate_window_s = 3600;
  return options;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_limits)

BOOST_AUTO_TEST_CASE(every_answer_carries_the_primary_headers_and_over_the_limit_is_403) {
  GithubSim gh(limited(2));
  const auto first = gh.client.get(gh.api(kList));
  BOOST_TEST(first.header("x-ratelimit-limit") == "2");
  BOOST_TEST(first.header("x-ratelimit-remaining") == "1");
  BOOST_TEST(first.header("x-ratelimit-used") == "1");
  BOOST_TEST(first.header("x-ratelimit-resource") == "core");
  BOOST_TEST(std::stoll(first.header("x-ratelimit-reset")) > 1700000000LL);
  BOOST_TEST(gh.client.post(gh.api(kPost), kStatus).header("x-ratelimit-remaining") == "0");
  const auto over = gh.client.get(gh.api(kList));
  BOOST_TEST(over.status == 403);
  BOOST_TEST(over.header("x-ratelimit-remaining") == "0");
  BOOST_TEST(over.json()->getValue<std::string>("message").find("API rate limit exceeded") == 0u);
  BOOST_TEST(gh.sim.stats()->getValue<int>("rate_limited") == 1);
}

BOOST_AUTO_TEST_CASE(a_matching_if_none_match_gets_304_which_is_not_counted) {
  GithubSim gh(limited(10));
  gh.client.post(gh.api(kPost), kStatus);
  const auto first = gh.client.get(gh.api(kList));
  const auto etag = first.header("ETag");
  BOOST_TEST(!etag.empty());
  BOOST_TEST(first.header("x-ratelimit-remaining") == "8");

  SimClient conditional(gh.sim.origin());
  conditional.set_header("If-None-Match", etag);
  const auto again = conditional.get(gh.api(kList));
  BOOST_TEST(again.status == 304);
  BOOST_TEST(again.body.empty());
  BOOST_TEST(again.header("x-ratelimit-remaining") == "8");
  BOOST_TEST(gh.sim.stats()->getValue<int>("not_modified") == 1);

  gh.client.post(gh.api(kPost), R"({"state":"failure","context":"ci/build"})");
  const auto changed = conditional.get(gh.api(kList));  // the body changed: a new ETag
  BOOST_TEST(changed.status == 200);
  BOOST_TEST(changed.header("ETag") != etag);
  BOOST_TEST(changed.header("x-ratelimit-remaining") == "6");
}

BOOST_AUTO_TEST_CASE(writes_over_the_secondary_limit_get_403_with_retry_after) {
  auto options = limited(100);
  options.extra_args = {"--github-writes-per-minute", "2"};
  GithubSim gh(options);
  BOOST_TEST(gh.client.post(gh.api(kPost), kStatus).status == 201);
  BOOST_TEST(gh.client.post(gh.api(kPost), kStatus).status == 201);
  const auto refused = gh.client.post(gh.api(kPost), kStatus);
  BOOST_TEST(refused.status == 403);
  BOOST_TEST(refused.json()->getValue<std::string>("message").find("secondary rate limit") !=
             std::string::npos);
  BOOST_TEST(std::stoi(refused.header("retry-after")) >= 1);
  BOOST_TEST(refused.header("x-ratelimit-resource") == "core");
  BOOST_TEST(gh.client.get(gh.api(kList)).status == 200);  // reads are not writes
  BOOST_TEST(gh.client.get(gh.api(kList)).json_array()->size() == 2u);
}

BOOST_AUTO_TEST_CASE(requests_over_the_concurrency_limit_get_403_with_retry_after) {
  ForgeSimOptions options;
  options.faults = "slow=1500@1";
  options.extra_args = {"--github-max-concurrent", "1"};
  GithubSim gh(options);
  auto slow = std::async(std::launch::async, [&] {
    SimClient client(gh.sim.origin());
    return client.get(gh.api(kList)).status;
  });
  // Wait until the slow request is being served (the simulator counts it).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (gh.sim.stats()->getValue<int>("in_flight") < 1 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  const auto refused = gh.client.get(gh.api(kList));
  BOOST_TEST(refused.status == 403);
  BOOST_TEST(refused.json()->getValue<std::string>("message").find("secondary rate limit") !=
             std::string::npos);
  BOOST_TEST(!refused.header("retry-after").empty());
  BOOST_TEST(slow.get() == 200);
}

BOOST_AUTO_TEST_SUITE_END()
