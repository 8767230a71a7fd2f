// The gateway spends the account's budget with the library: one window, the tools below the
// library's gating priority, quotas per tool, stale answers or honest 429s when room runs out,
// and GitHub's free 304s.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>

#include "budget/budget.h"
#include "gateway_fixture.h"
#include "runtime/clock.h"

namespace cib::test {
namespace {

const char* kStatuses = "/2.0/repositories/acme/web/commit/0123456789abcdef/statuses";

ForgeSimOptions sim_for(const std::string& host = "") {
  ForgeSimOptions options;
  options.host = host;
  options.require_token = kHostToken;
  return options;
}

// A client of the library's for the same account: its own Budget over the same store.
std::int64_t used_by_account(const Settings& settings) {
  SystemClock clock;
  Budget budget(settings, open_budget_store(settings, clock, "test", [](const std::string&) {}),
                clock);
  Poco::JSON::Parser parser;
  const auto json = parser.parse(budget.json()).extract<Poco::JSON::Object::Ptr>();
  return json->getValue<Poco::Int64>("used");
}

bool library_gating_granted(const Settings& settings) {
  SystemClock clock;
  Budget budget(settings, open_budget_store(settings, clock, "test", [](const std::string&) {}),
                clock);
  TakeRequest gating;
  gating.priority = Priority::gating;
  gating.write = true;
  return budget.take(gating).granted;
}

void limit_to(GatewayRig& rig, std::int64_t limit) {
  rig.upstream_settings().budget_limit = limit;
  rig.upstream_settings().budget_window_s = 3600;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gateway_budget)

BOOST_AUTO_TEST_CASE(the_gateway_and_the_library_spend_one_window) {
  ForgeSim sim(sim_for());
  GatewayRig rig(sim, {{"poller", "tool-token-1"}}, {});
  limit_to(rig, 100);
  rig.start();
  for (int i = 0; i < 3; ++i) BOOST_TEST(rig.get("tool-token-1", kStatuses).status == 200);
  BOOST_TEST(used_by_account(rig.upstream_settings()) == 3);
}

BOOST_AUTO_TEST_CASE(a_background_tool_gets_stale_answers_and_gating_keeps_its_room) {
  ForgeSim sim(sim_for());
  GatewayRig rig(sim, {{"portal", "tool-token-2"}}, {{"/repositories/*/*/commit/*/statuses", 0}});
  limit_to(rig, 10);  // 9 usable: background (the library's progress) stops at 7
  rig.start();
  int fetched = 0;
  int stale = 0;
  for (int i = 0; i < 12; ++i) {
    const ToolAnswer answer = rig.get("tool-token-2", kStatuses);
    BOOST_TEST(answer.status == 200);
    const std::string outcome = answer.header("X-Cibatch-Gateway");
    if (outcome == "stale") {
      ++stale;
      BOOST_TEST(answer.header("Warning").find("110") != std::string::npos);
      BOOST_TEST(!answer.header("Age").empty());
    } else {
      ++fetched;
    }
  }
  BOOST_TEST(fetched == 7);
  BOOST_TEST(stale == 5);
  BOOST_TEST(rig.host_requests("GET", kStatuses) == 7);
  BOOST_TEST(library_gating_granted(rig.upstream_settings()));
}

BOOST_AUTO_TEST_CASE(an_interactive_tool_gets_an_honest_429_when_the_budget_is_short) {
  ForgeSim sim(sim_for());
  GatewayRig rig(sim, {{"bot", "tool-token-3", "interactive"}}, {});
  limit_to(rig, 10);  // interactive (the library's comment priority) stops at 8
  rig.start();
  for (int i = 0; i < 8; ++i) BOOST_TEST(rig.get("tool-token-3", kStatuses).status == 200);
  const ToolAnswer refused = rig.get("tool-token-3", kStatuses);
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(refused.header("X-Cibatch-Gateway") == "budget");
  const int retry_after = std::stoi(refused.header("Retry-After"));
  BOOST_TEST(retry_after > 3000);  // the oldest request leaves the hour's window
  BOOST_TEST(retry_after <= 3700);
  BOOST_TEST(rig.host_requests("GET", kStatuses) == 8);
  BOOST_TEST(library_gating_granted(rig.upstream_settings()));
}

BOOST_AUTO_TEST_CASE(a_tool_over_its_quota_gets_a_429_and_others_do_not) {
  ForgeSim sim(sim_for());
  GatewayRig rig(sim, {{"script", "tool-token-4", "background", 2}, {"bot", "tool-token-5"}}, {});
  rig.start();
  BOOST_TEST(rig.get("tool-token-4", kStatuses).status == 200);
  BOOST_TEST(rig.get("tool-token-4", kStatuses).status == 200);
  const ToolAnswer refused = rig.get("tool-token-4", kStatuses);
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(refused.header("X-Cibatch-Gateway") == "quota");
  BOOST_TEST(std::stoi(refused.header("Retry-After")) > 3500);
  BOOST_TEST(rig.get("tool-token-5", kStatuses).status == 200);
  BOOST_TEST(rig.host_requests("GET", kStatuses) == 3);
}

BOOST_AUTO_TEST_CASE(a_304_from_github_is_not_charged) {
  ForgeSim sim(sim_for("github"));
  GatewayRig rig(sim, {{"poller", "tool-token-6"}}, {{"/repos/*/*/issues/*/comments", 0}});
  rig.upstream_settings().host_kind = HostKind::github;
  rig.upstream_settings().api_url = sim.api_url();
  rig.config().upstreams[0].mount = "/";
  rig.start();
  const char* comments = "/repos/acme/web/issues/1/comments";
  BOOST_TEST(rig.get("tool-token-6", comments).header("X-Cibatch-Gateway") == "miss");
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(rig.get("tool-token-6", comments).header("X-Cibatch-Gateway") == "revalidated");
  }
  BOOST_TEST(rig.host_requests("GET", comments) == 4);
  BOOST_TEST(used_by_account(rig.upstream_settings()) == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
