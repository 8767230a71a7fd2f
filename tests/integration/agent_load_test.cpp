// The agent under load: a thousand connections at once, each answered and each post delivered;
// a spool at spool.max_mb, whose refusal reaches the command as the library words it while
// the agent goes on serving.
#include <sys/resource.h>

#include <boost/test/unit_test.hpp>
#include <memory>

#include "agent_fixture.h"
#include "server_fixture.h"

namespace cib::test {
namespace {

using agent::test::RawPeer;

constexpr int kConnections = 1000;

// Room for the test's own connections, which a default soft limit of 1024 files lacks.
void allow_open_files(rlim_t wanted) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur >= wanted) return;
  limit.rlim_cur = std::min(wanted, limit.rlim_max);
  ::setrlimit(RLIMIT_NOFILE, &limit);
}

std::string read_reply(RawPeer& peer) {
  std::string reply;
  while (!contains(reply, "\n")) {
    const std::string some = peer.read_some();
    if (some.empty()) break;
    reply += some;
  }
  return reply.substr(0, reply.find('\n'));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(agent_load)

BOOST_AUTO_TEST_CASE(a_thousand_connections_at_once_are_each_answered_and_delivered) {
  allow_open_files(kConnections + 256);
  IdentityYaml yaml;
  yaml.budget = "limit: 0";  // a thousand requests, more than Bitbucket's hourly budget allows
  const Served s(yaml);

  std::vector<std::unique_ptr<RawPeer>> peers;
  for (int i = 0; i < kConnections; ++i) {
    peers.push_back(std::make_unique<RawPeer>(s.socket()));
    peers.back()->write(status_request(88, "key-" + std::to_string(i), "SUCCESSFUL") + "\n");
  }
  int accepted = 0;
  std::string first_refusal;
  for (auto& peer : peers) {
    const std::string reply = read_reply(*peer);
    const agent::Answer answer = agent::parse_answer(reply);
    if (answer.ok && answer.status == "CIB_OK") {
      ++accepted;
    } else if (first_refusal.empty()) {
      first_refusal = reply;
    }
  }
  peers.clear();
  BOOST_TEST(accepted == kConnections, first_refusal);

  std::string output;
  BOOST_TEST(flush(s.config, "88", output, {"--timeout-ms", "60000"}) == 0, output);
  BOOST_TEST(statuses_held(s.sim) == static_cast<std::size_t>(kConnections));
  BOOST_TEST(check(s.config, output) == 0, output);
}

BOOST_AUTO_TEST_CASE(a_full_spool_refuses_the_command_and_the_agent_serves_on) {
  IdentityYaml yaml = held_back();
  yaml.spool = "max_mb: 1";
  const Served s(yaml);
  const std::string body = write_text(s.dir, "body.md", std::string(60 * 1024, 'b'));
  const auto comment = [&](int key, std::string& output) {
    return cibatch({"comment", "--config", s.config, "--tag", "5", "--repo", kRepo, "--pr", "7",
                    "--key", "k" + std::to_string(key), "--body-file", body},
                   output);
  };
  std::string output;
  int accepted = 0;
  int code = 0;
  while (accepted < 60 && (code = comment(accepted, output)) == 0) ++accepted;
  BOOST_TEST(code == 1, output);
  BOOST_TEST(contains(output, "spool.max_mb"), output);
  BOOST_TEST(accepted > 5);
  BOOST_TEST(s.sim.requests().empty());  // nothing delivered: the refusal came from the spool

  BOOST_TEST(check(s.config, output) == 0, output);
  BOOST_TEST(flush(s.config, "5", output, {"--timeout-ms", "60000"}) == 0, output);
  const auto comments = held(s.sim, {"comments", kRepo});
  BOOST_TEST_REQUIRE(!comments.isNull());
  BOOST_TEST(comments->getArray("7")->size() == static_cast<std::size_t>(accepted));
  // The delivered bodies stay in the spool as delivered records (the library's de-duplication):
  // the room they take comes back only as those expire, so the agent is only asked to answer.
  BOOST_TEST(check(s.config, output) == 0, output);
  BOOST_TEST(ask(s.socket(), "{\"v\":1,\"op\":\"hello\"}").ok);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
