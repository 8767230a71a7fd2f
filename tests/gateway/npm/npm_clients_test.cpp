// Real npm API clients (node-bitbucket and @backstage/integration's Bitbucket Cloud helpers)
// list a seeded workspace's repositories and each repository's open pull requests, every page:
// (a) straight against forge-sim, and (b) through cibatch-gateway, where the listings must be
// the same, every next link must lead back to the gateway, the host must see only the gateway's
// credential, and a second listing within the cache's TTL must cost the host nothing.
//
// run_npm_clients.sh installs the locked packages into the build folder and sets NODE_PATH.
#include <Poco/DigestEngine.h>
#include <Poco/JSON/Parser.h>
#include <Poco/SHA2Engine.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "child_process.h"
#include "forge_sim.h"
#include "temp_dir.h"

using cib::test::ChildProcess;
using cib::test::ForgeSim;
using cib::test::ForgeSimOptions;
using cib::test::TempDir;

namespace {

constexpr const char* kWorkspace = "acme";
constexpr int kRepositories = 25;    // 3 pages at pagelen 10
constexpr int kPullRequests = 11;    // 2 pages of open pull requests in each repository
constexpr int kRepositoryPages = 3;  // ceil(25 / 10)
constexpr int kCacheTtlS = 600;      // far longer than the test: a second listing is a hit
constexpr auto kListingTimeout = std::chrono::seconds(120);
constexpr auto kGatewayStartTimeout = std::chrono::seconds(15);
constexpr auto kGatewayStopGrace = std::chrono::seconds(10);
constexpr std::size_t kTokenDigestLength = 12;  // forge-sim logs this much of SHA-256
constexpr const char* kToolToken = "tool-token-npm-clients";
constexpr const char* kUpstreamToken = "upstream-token-of-the-account";
constexpr const char* kListeningPrefix = "cibatch gateway listening on ";

const std::vector<std::string> kScripts = {"bitbucket_list.js", "backstage_list.js"};

std::string scripts_dir() {
  return std::string(CIB_SOURCE_DIR) + "/tests/gateway/npm";
}

std::string gateway_binary() {
  return std::string(CIB_BINARY_DIR) + "/bin/cibatch-gateway";
}

std::string write_private_file(const TempDir& dir, const std::string& name,
                               const std::string& text) {
  const std::string path = dir.file(name);
  std::ofstream(path) << text;
  ::chmod(path.c_str(), 0600);
  return path;
}

// What forge-sim's log shows for a Bearer token.
std::string token_digest(const std::string& token) {
  Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
  sha256.update(token);
  return Poco::DigestEngine::digestToHex(sha256.digest()).substr(0, kTokenDigestLength);
}

ForgeSimOptions seeded_sim(const std::string& require_token = "") {
  ForgeSimOptions options;
  options.require_token = require_token;
  options.extra_args = {"--seed-repos", std::string(kWorkspace) + ":" +
                                            std::to_string(kRepositories) + ":" +
                                            std::to_string(kPullRequests)};
  return options;
}

// One pull request merged, so the OPEN filter has something to leave out: repo-1 lists 10.
void merge_one_pull_request(const ForgeSim& sim) {
  sim.control("POST", "/_sim/pullrequests", R"({"repo":"acme/repo-1","id":1,"state":"MERGED"})");
}

// Runs one listing script; fails the test unless it exits 0 with one JSON line.
Poco::JSON::Object::Ptr run_listing(const std::string& script, const std::string& api_url,
                                    const std::string& token_file) {
  const char* node_path = std::getenv("NODE_PATH");
  BOOST_REQUIRE_MESSAGE(node_path != nullptr,
                        "NODE_PATH is not set: run through run_npm_clients.sh");
  ChildProcess child({"node", scripts_dir() + "/" + script, api_url, token_file, kWorkspace});
  BOOST_REQUIRE_MESSAGE(child.read_to_end(kListingTimeout), script + " did not finish in time");
  const int status = child.wait();
  BOOST_REQUIRE_MESSAGE(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                        script + " failed against " + api_url + "; it printed: " + child.output());
  return Poco::JSON::Parser().parse(child.output()).extract<Poco::JSON::Object::Ptr>();
}

std::vector<std::string> listing_of(const Poco::JSON::Object::Ptr& result) {
  std::vector<std::string> listing;
  const auto array = result->getArray("listing");
  for (std::size_t i = 0; i < array->size(); ++i)
    listing.push_back(array->getElement<std::string>(i));
  return listing;
}

// The seeded workspace, as every listing must show it.
void check_complete(const Poco::JSON::Object::Ptr& result, const std::string& script) {
  BOOST_TEST_CONTEXT(script) {
    BOOST_TEST(result->getValue<int>("repositories") == kRepositories);
    BOOST_TEST(result->getObject("pages")->getValue<int>("repositories") == kRepositoryPages);
    const auto counts = result->getObject("pullrequests");
    BOOST_TEST(counts->size() == static_cast<std::size_t>(kRepositories));
    BOOST_TEST(counts->getValue<int>("acme/repo-1") == kPullRequests - 1);
    BOOST_TEST(counts->getValue<int>("acme/repo-25") == kPullRequests);
  }
}

// cibatch-gateway started with one config file; it stops (SIGTERM) with the test.
class Gateway {
 public:
  explicit Gateway(const std::string& config_file)
      : child_({gateway_binary(), "--config", config_file}) {
    const std::string line = child_.read_line(kGatewayStartTimeout);
    BOOST_REQUIRE_MESSAGE(line.rfind(kListeningPrefix, 0) == 0,
                          "the gateway's first line was: " + line);
    origin_ = line.substr(std::string(kListeningPrefix).size());
  }
  ~Gateway() { child_.terminate(kGatewayStopGrace); }

  const std::string& origin() const { return origin_; }

 private:
  ChildProcess child_;
  std::string origin_;
};

// The contract's configuration: one upstream (forge-sim as Bitbucket Cloud, the account's
// token), one background tool, every read below /repositories/ cached for kCacheTtlS.
std::string write_gateway_config(const TempDir& dir, const ForgeSim& sim) {
  const auto upstream_token = write_private_file(dir, "upstream.token", kUpstreamToken);
  const auto tool_token = write_private_file(dir, "tool.token", kToolToken);
  const std::string path = dir.file("gateway.yml");
  std::ofstream(path) << "cibatch:\n"
                      << "  host:\n    kind: bitbucket-cloud\n    api_url: " << sim.api_url()
                      << "\n    auth: { type: bearer, token_file: \"" << upstream_token << "\" }\n"
                      << "  budget: { path: \"" << dir.file("budget.db") << "\" }\n"
                      << "  gateway:\n    listen: 127.0.0.1:0\n"
                      << "    clients:\n      - { name: portal, token_file: \"" << tool_token
                      << "\", priority: background, quota_per_hour: 0 }\n"
                      << "    cache:\n      - { path: \"/repositories/**\", ttl_s: " << kCacheTtlS
                      << " }\n";
  return path;
}

// How many listing requests (below /2.0/repositories/) reached the host.
std::size_t listing_requests(const ForgeSim& sim) {
  std::size_t count = 0;
  for (const auto& entry : sim.requests()) {
    if (entry->getValue<std::string>("target").rfind("/2.0/repositories/", 0) == 0) ++count;
  }
  return count;
}

// Every request the host saw carried the account's token, and every listing was answered 200
// (whatever else the gateway may ask the host for its own sake).
void check_only_the_gateway_asked(const ForgeSim& sim) {
  const auto expected = token_digest(kUpstreamToken);
  for (const auto& entry : sim.requests()) {
    const auto target = entry->getValue<std::string>("target");
    BOOST_TEST(entry->getValue<std::string>("token") == expected, target);
    if (target.rfind("/2.0/repositories/", 0) == 0) {
      BOOST_TEST(entry->getValue<int>("status") == 200, target);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(npm_clients)

BOOST_AUTO_TEST_CASE(direct) {
  ForgeSim sim(seeded_sim());
  merge_one_pull_request(sim);
  TempDir dir("cibatch-npm-direct");
  const auto token = write_private_file(dir, "tool.token", kToolToken);
  std::vector<std::vector<std::string>> listings;
  for (const auto& script : kScripts) {
    const auto result = run_listing(script, sim.api_url(), token);
    check_complete(result, script);
    listings.push_back(listing_of(result));
  }
  BOOST_TEST(listings[0] == listings[1], boost::test_tools::per_element());
  const auto requests = sim.requests();
  // Each script: 3 pages of repositories, 2 pages of pull requests per repository but repo-1's 1.
  const std::size_t per_script = kRepositoryPages + 2 * kRepositories - 1;
  BOOST_TEST(requests.size() == kScripts.size() * per_script);
  for (const auto& entry : requests) BOOST_TEST(entry->getValue<int>("status") == 200);
}

BOOST_AUTO_TEST_CASE(through_the_gateway) {
  BOOST_REQUIRE_MESSAGE(::access(gateway_binary().c_str(), X_OK) == 0,
                        "cibatch-gateway is not built at " + gateway_binary());
  ForgeSim sim(seeded_sim(kUpstreamToken));
  merge_one_pull_request(sim);
  TempDir dir("cibatch-npm-gateway");
  const auto upstream_token = write_private_file(dir, "direct.token", kUpstreamToken);
  const auto expected = listing_of(run_listing(kScripts[0], sim.api_url(), upstream_token));
  sim.reset();  // the log: from here on only the gateway asks
  merge_one_pull_request(sim);

  Gateway gateway(write_gateway_config(dir, sim));
  const auto tool_token = dir.file("tool.token");
  const std::string gateway_api = gateway.origin() + "/2.0";
  for (const auto& script : kScripts) {
    BOOST_TEST_CONTEXT(script) {
      const auto first = run_listing(script, gateway_api, tool_token);
      check_complete(first, script);
      BOOST_TEST(listing_of(first) == expected, boost::test_tools::per_element());
      const auto upstream_after_first = listing_requests(sim);
      // Within the TTL the same listing is served from the gateway's cache.
      const auto second = run_listing(script, gateway_api, tool_token);
      BOOST_TEST(listing_of(second) == expected, boost::test_tools::per_element());
      BOOST_TEST(listing_requests(sim) == upstream_after_first);
    }
  }
  BOOST_TEST(listing_requests(sim) > 0u);
  // A next link left pointing at forge-sim would have reached it with the tool's token, which
  // forge-sim (--require-token) refuses and logs.
  check_only_the_gateway_asked(sim);
}

BOOST_AUTO_TEST_SUITE_END()
