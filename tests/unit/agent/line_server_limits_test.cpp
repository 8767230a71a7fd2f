// The line server under abuse: lines too large, lines never ended, peers that leave mid-line or
// mid-reply, a thousand connections at once, more connections than allowed.
#include <sys/resource.h>

#include <boost/test/unit_test.hpp>
#include <memory>
#include <vector>

#include "line_client.h"
#include "line_server.h"
#include "server_fixture.h"

namespace cib::agent::test {

BOOST_AUTO_TEST_SUITE(line_server_limits)

BOOST_AUTO_TEST_CASE(a_line_over_the_cap_gets_the_too_large_line_and_is_closed) {
  Served served(echo(), admit_all(),
                [](LineServerOptions& options) { options.max_line_bytes = 1000; });
  {
    LineClient client(served.socket(), 1s);
    BOOST_TEST(client.request(std::string(1000, 'a'), 5s) == "echo " + std::string(1000, 'a'));
  }
  RawPeer ended(served.socket());
  ended.write(std::string(1001, 'b') + "\n");
  BOOST_TEST(ended.read_to_end() == "too_large 1000\n");
  RawPeer endless(served.socket());  // never ends its line: refused once over the cap
  endless.write(std::string(5000, 'c'));
  BOOST_TEST(endless.read_to_end() == "too_large 1000\n");
}

BOOST_AUTO_TEST_CASE(a_line_begun_and_not_ended_is_closed_after_the_read_timeout) {
  Served served(echo(), admit_all(),
                [](LineServerOptions& options) { options.read_timeout = 300ms; });
  RawPeer slow(served.socket());
  RawPeer idle(served.socket());
  const auto started = std::chrono::steady_clock::now();
  slow.write("{\"v\":1,");
  BOOST_TEST(slow.read_to_end().empty());
  BOOST_TEST(idle.read_to_end().empty());
  BOOST_TEST(elapsed_ms(started) >= 300);
  BOOST_TEST(elapsed_ms(started) < 10000);
}

BOOST_AUTO_TEST_CASE(a_peer_leaving_mid_line_does_not_disturb_the_others) {
  Served served;
  LineClient staying(served.socket(), 1s);
  {
    RawPeer leaving(served.socket());
    leaving.write("half a li");
  }
  BOOST_TEST(staying.request("still here", 5s) == "echo still here");
  BOOST_TEST(eventually([&] { return served.server.connections() == 1u; }));
}

BOOST_AUTO_TEST_CASE(a_peer_leaving_mid_reply_does_not_disturb_the_others) {
  const std::string huge(16u << 20, 'r');
  const Handler big = [&huge](const Peer&, std::string line, Reply reply) {
    reply.send(line == "big" ? huge : "small");
  };
  Served served(big);
  {
    RawPeer leaving(served.socket());
    leaving.write("big\n");
    BOOST_TEST(!leaving.read_some(1000).empty());  // the reply has begun
  }
  LineClient staying(served.socket(), 1s);
  BOOST_TEST(staying.request("next", 5s) == "small");
  BOOST_TEST(eventually([&] { return served.server.connections() == 1u; }));
}

BOOST_AUTO_TEST_CASE(a_peer_that_does_not_read_its_reply_is_closed_after_the_read_timeout) {
  const Handler big = [](const Peer&, std::string line, Reply reply) {
    reply.send(line == "big" ? std::string(16u << 20, 'r') : "small");
  };
  Served served(big, admit_all(), [](LineServerOptions& options) { options.read_timeout = 300ms; });
  RawPeer stalled(served.socket());
  const auto started = std::chrono::steady_clock::now();
  stalled.write("big\n");
  LineClient other(served.socket(), 1s);
  BOOST_TEST(other.request("meanwhile", 5s) == "small");
  BOOST_TEST(eventually([&] { return served.server.connections() == 1u; }));
  BOOST_TEST(elapsed_ms(started) >= 300);
  BOOST_TEST(stalled.read_to_end().size() < (16u << 20));
}

BOOST_AUTO_TEST_CASE(a_thousand_connections_at_once_are_all_answered_by_four_workers) {
  Served served(echo(), admit_all(), [](LineServerOptions& options) { options.workers = 4; });
  std::vector<std::unique_ptr<LineClient>> clients;
  for (int i = 0; i < 1000; ++i) {
    clients.push_back(std::make_unique<LineClient>(served.socket(), 5s));
  }
  for (int i = 0; i < 1000; ++i) clients[i]->send("request " + std::to_string(i), 5s);
  int answered = 0;
  for (int i = 0; i < 1000; ++i) {
    answered += clients[i]->read_line(30s) == "echo request " + std::to_string(i) ? 1 : 0;
  }
  BOOST_TEST(answered == 1000);
  BOOST_TEST(served.server.connections() == 1000u);
}

BOOST_AUTO_TEST_CASE(connections_over_the_maximum_are_closed_at_once) {
  Served served(echo(), admit_all(),
                [](LineServerOptions& options) { options.max_connections = 2; });
  LineClient first(served.socket(), 1s);
  LineClient second(served.socket(), 1s);
  BOOST_TEST(first.request("1", 5s) == "echo 1");
  BOOST_TEST(second.request("2", 5s) == "echo 2");
  RawPeer third(served.socket());
  BOOST_TEST(third.read_to_end().empty());
  BOOST_TEST(served.server.connections() == 2u);
  BOOST_TEST(first.request("1 again", 5s) == "echo 1 again");
}

BOOST_AUTO_TEST_CASE(start_raises_the_open_file_limit_that_max_connections_needs) {
  struct rlimit before {};
  BOOST_REQUIRE(::getrlimit(RLIMIT_NOFILE, &before) == 0);
  if (before.rlim_max != RLIM_INFINITY && before.rlim_max < 2048) {
    BOOST_TEST_MESSAGE("skipped: the hard limit of open files is below 2048");
    return;
  }
  struct rlimit lowered = before;
  lowered.rlim_cur = 512;
  BOOST_REQUIRE(::setrlimit(RLIMIT_NOFILE, &lowered) == 0);
  {
    Served served(echo(), admit_all(),
                  [](LineServerOptions& options) { options.max_connections = 1024; });
    struct rlimit raised {};
    BOOST_REQUIRE(::getrlimit(RLIMIT_NOFILE, &raised) == 0);
    BOOST_TEST(raised.rlim_cur >= 1024u + 256u);
    if (before.rlim_max != RLIM_INFINITY) BOOST_TEST(raised.rlim_cur == before.rlim_max);
  }
  ::setrlimit(RLIMIT_NOFILE, &before);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::agent::test
