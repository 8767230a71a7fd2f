// The gateway in front of the simulator: reads cached and shared, writes passed through and
// invalidating, answers kept apart by upstream identity, tools' tokens kept from the host.
#include <boost/test/unit_test.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "gateway_fixture.h"

namespace cib::test {
namespace {

const char* kStatuses = "/2.0/repositories/acme/web/commit/0123456789abcdef/statuses";
const char* kHostStatuses = "/2.0/repositories/acme/web/commit/0123456789abcdef/statuses";
const char* kStatusBody =
    R"({"key":"build","state":"SUCCESSFUL","url":"https://ci.example.com/1","name":"build"})";

ForgeSimOptions sim_options(const std::string& token, int latency_ms = 0) {
  ForgeSimOptions options;
  options.require_token = token;
  if (latency_ms > 0) options.extra_args = {"--latency-ms", std::to_string(latency_ms)};
  return options;
}

// Lets every reader go at once.
class StartGate {
 public:
  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    opened_.wait(lock, [this] { return open_; });
  }
  void open() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    opened_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = false;
};

std::vector<GatewayCacheEntry> statuses_cached(std::int64_t ttl_s) {
  return {{"/repositories/*/*/commit/*/statuses", ttl_s}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gateway_reads)

BOOST_AUTO_TEST_CASE(a_cached_read_costs_the_host_one_request) {
  ForgeSim sim(sim_options(kHostToken));
  GatewayRig rig(sim, {{"poller", "tool-token-a"}}, statuses_cached(60));
  rig.start();
  const ToolAnswer first = rig.get("tool-token-a", kStatuses);
  const ToolAnswer second = rig.get("tool-token-a", kStatuses);
  BOOST_TEST(first.status == 200);
  BOOST_TEST(first.header("X-Cibatch-Gateway") == "miss");
  BOOST_TEST(second.status == 200);
  BOOST_TEST(second.header("X-Cibatch-Gateway") == "hit");
  BOOST_TEST(!second.header("Age").empty());
  BOOST_TEST(second.body == first.body);
  BOOST_TEST(rig.host_requests("GET", kHostStatuses) == 1);
}

BOOST_AUTO_TEST_CASE(a_write_passes_through_and_the_next_read_sees_it) {
  ForgeSim sim(sim_options(kHostToken));
  GatewayRig rig(sim, {{"ci-tool", "tool-token-b", "interactive"}}, statuses_cached(60));
  rig.start();
  const ToolAnswer before = rig.get("tool-token-b", kStatuses);
  const ToolAnswer posted =
      rig.send("tool-token-b", "POST", std::string(kStatuses) + "/build", kStatusBody);
  BOOST_TEST(posted.status == 201);
  BOOST_TEST(posted.header("X-Cibatch-Gateway") == "passthrough");
  const ToolAnswer after = rig.get("tool-token-b", kStatuses);
  BOOST_TEST(after.header("X-Cibatch-Gateway") == "miss");
  BOOST_TEST(after.body.find("SUCCESSFUL") != std::string::npos);
  BOOST_TEST(before.body.find("SUCCESSFUL") == std::string::npos);
  BOOST_TEST(rig.host_requests("GET", kHostStatuses) == 2);
}

BOOST_AUTO_TEST_CASE(identical_reads_in_flight_share_one_request) {
  ForgeSim sim(sim_options(kHostToken, 800));
  GatewayRig rig(sim, {{"poller", "tool-token-c"}}, {});
  rig.start();
  constexpr int kReaders = 8;
  StartGate start;
  std::vector<ToolAnswer> answers(kReaders);
  std::vector<std::thread> readers;
  for (int i = 0; i < kReaders; ++i) {
    readers.emplace_back([&, i] {
      start.wait();
      answers[static_cast<std::size_t>(i)] = rig.get("tool-token-c", kStatuses);
    });
  }
  start.open();
  for (auto& reader : readers) reader.join();
  int collapsed = 0;
  for (const auto& answer : answers) {
    BOOST_TEST(answer.status == 200);
    if (answer.header("X-Cibatch-Gateway") == "collapsed") ++collapsed;
  }
  // All eight start within a few ms; the host answers after 800 ms.
  BOOST_TEST(rig.host_requests("GET", kHostStatuses) <= 2);
  BOOST_TEST(collapsed >= kReaders - 2);
}

BOOST_AUTO_TEST_CASE(answers_are_never_shared_across_upstream_identities) {
  ForgeSim sim;
  GatewayRig rig(sim, {{"poller", "tool-token-d"}}, statuses_cached(60));
  rig.add_upstream("/other", "second-host-token", "second-account");
  rig.start();
  const std::string other = std::string("/other") + (kStatuses + 4);
  BOOST_TEST(rig.get("tool-token-d", kStatuses).header("X-Cibatch-Gateway") == "miss");
  BOOST_TEST(rig.get("tool-token-d", other).header("X-Cibatch-Gateway") == "miss");
  BOOST_TEST(rig.get("tool-token-d", other).header("X-Cibatch-Gateway") == "hit");
  BOOST_TEST(rig.host_requests("GET", kHostStatuses) == 2);
}

BOOST_AUTO_TEST_CASE(a_request_without_a_known_tool_token_never_reaches_the_host) {
  ForgeSim sim(sim_options(kHostToken));
  GatewayRig rig(sim, {{"poller", "tool-token-e"}}, statuses_cached(60));
  rig.start();
  BOOST_TEST(rig.get("", kStatuses).status == 401);
  BOOST_TEST(rig.get("not-a-tool", kStatuses).status == 401);
  BOOST_TEST(rig.get("tool-token-e", "/elsewhere/x").status == 404);
  BOOST_TEST(rig.send("tool-token-e", "GET", "/2.0/repositories/%2e%2e/x").status == 400);
  BOOST_TEST(rig.host_requests("GET", "/") == 0);
  BOOST_TEST(rig.log_text().find("tool-token-e") == std::string::npos);
  BOOST_TEST(rig.log_text().find(kHostToken) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
