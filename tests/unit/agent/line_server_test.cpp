// The line server's conversation: requests and replies on one connection, replies sent later
// from other threads, admission, and stopping with replies pending.
#include "line_server.h"

#include <boost/test/unit_test.hpp>
#include <future>
#include <mutex>
#include <vector>

#include "line_client.h"
#include "server_fixture.h"

namespace cib::agent::test {
namespace {

// A handler that keeps every reply for the test to send.
struct KeptReplies {
  std::mutex mutex;
  std::vector<std::pair<std::string, Reply>> kept;
  std::promise<void> first;
  std::shared_future<void> ready = first.get_future().share();

  Handler handler() {
    return [this](const Peer&, std::string line, Reply reply) {
      std::lock_guard<std::mutex> lock(mutex);
      kept.emplace_back(std::move(line), std::move(reply));
      if (kept.size() == 1) first.set_value();
    };
  }
  Reply take_first() {
    ready.wait();
    std::lock_guard<std::mutex> lock(mutex);
    return kept.front().second;
  }
};

// A server whose handler keeps its replies, and a client whose first request waits for one.
struct KeptRequest {
  explicit KeptRequest(const std::string& line) {
    client.send(line, 5s);
    reply = replies.take_first();
  }
  KeptReplies replies;
  Served served{replies.handler()};
  LineClient client{served.socket(), 1s};
  Reply reply{nullptr};
};

}  // namespace

BOOST_AUTO_TEST_SUITE(line_server)

BOOST_AUTO_TEST_CASE(answers_several_requests_on_one_connection) {
  Served served;
  LineClient client(served.socket(), 1s);
  BOOST_TEST(client.request("one", 5s) == "echo one");
  BOOST_TEST(client.request("two", 5s) == "echo two");
  BOOST_TEST(client.request(std::string(100000, 'x'), 5s) == "echo " + std::string(100000, 'x'));
  BOOST_TEST(served.server.connections() == 1u);
}

BOOST_AUTO_TEST_CASE(pipelined_lines_are_answered_in_order_and_empty_lines_ignored) {
  Served served;
  RawPeer peer(served.socket());
  peer.write("a\n\nb\r\n\nc\n");
  std::string replies;
  while (replies.size() < std::string("echo a\necho b\r\necho c\n").size()) {
    const std::string some = peer.read_some();
    BOOST_REQUIRE(!some.empty());
    replies += some;
  }
  BOOST_TEST(replies == "echo a\necho b\r\necho c\n");
}

BOOST_AUTO_TEST_CASE(a_reply_kept_by_the_handler_is_sent_later_from_another_thread) {
  KeptRequest kept("wait for me");
  auto& replies = kept.replies;
  auto& client = kept.client;
  auto& reply = kept.reply;
  BOOST_TEST(!reply.closed());
  BOOST_CHECK_THROW(client.read_line(50ms), std::runtime_error);  // no reply yet
  std::thread([reply]() mutable { reply.send("done"); }).join();
  BOOST_TEST(client.read_line(5s) == "done");
  reply.send("again");  // a second send does nothing
  client.send("next", 5s);
  eventually([&] {
    std::lock_guard<std::mutex> lock(replies.mutex);
    return replies.kept.size() == 2;
  });
  std::lock_guard<std::mutex> lock(replies.mutex);
  BOOST_TEST(replies.kept.at(1).first == "next");
}

BOOST_AUTO_TEST_CASE(a_reply_dropped_without_an_answer_closes_the_connection) {
  const Handler drop = [](const Peer&, std::string, Reply) {};
  Served served(drop);
  RawPeer peer(served.socket());
  peer.write("anything\n");
  BOOST_TEST(peer.read_to_end().empty());
}

BOOST_AUTO_TEST_CASE(a_handler_that_throws_closes_the_connection_only) {
  const Handler throwing = [](const Peer&, std::string line, Reply reply) {
    if (line == "boom") throw std::runtime_error("handler failed");
    reply.send("fine");
  };
  Served served(throwing);
  RawPeer peer(served.socket());
  peer.write("boom\n");
  BOOST_TEST(peer.read_to_end().empty());
  LineClient client(served.socket(), 1s);
  BOOST_TEST(client.request("hello", 5s) == "fine");
}

BOOST_AUTO_TEST_CASE(a_refused_peer_gets_the_admission_line_and_is_closed) {
  std::promise<Peer> seen;
  const Admission refuse = [&seen](const Peer& peer) -> std::optional<std::string> {
    seen.set_value(peer);
    return std::string(R"({"v":1,"ok":false,"error":"peer"})");
  };
  Served served(echo(), refuse);
  RawPeer peer(served.socket());
  BOOST_TEST(peer.read_to_end() == "{\"v\":1,\"ok\":false,\"error\":\"peer\"}\n");
  const Peer admitted = seen.get_future().get();
  BOOST_TEST(admitted.uid == ::geteuid());
  BOOST_TEST(admitted.pid == ::getpid());
}

BOOST_AUTO_TEST_CASE(stop_waits_for_a_pending_reply_within_the_drain) {
  KeptRequest kept("slow");
  auto& served = kept.served;
  auto& client = kept.client;
  auto& reply = kept.reply;
  const auto started = std::chrono::steady_clock::now();
  std::thread stopping([&served] { served.server.stop(20s); });
  // stop() removes the socket file first: it has begun.
  BOOST_TEST(eventually([&] { return ::access(served.socket().c_str(), F_OK) != 0; }));
  reply.send("late but sent");
  BOOST_TEST(client.read_line(5s) == "late but sent");
  stopping.join();
  BOOST_TEST(elapsed_ms(started) < 10000);
  BOOST_CHECK_THROW(client.read_line(5s), std::runtime_error);  // closed after the reply
  BOOST_TEST(reply.closed());
}

BOOST_AUTO_TEST_CASE(stop_closes_a_connection_whose_reply_outlasts_the_drain) {
  KeptRequest kept("never answered");
  auto& served = kept.served;
  auto& waiting = kept.client;
  auto& reply = kept.reply;
  LineClient idle(served.socket(), 1s);
  const auto started = std::chrono::steady_clock::now();
  served.server.stop(300ms);
  BOOST_TEST(elapsed_ms(started) >= 300);
  BOOST_CHECK_THROW(waiting.read_line(5s), std::runtime_error);
  BOOST_CHECK_THROW(idle.read_line(5s), std::runtime_error);
  BOOST_TEST(reply.closed());
  reply.send("too late");  // harmless
  BOOST_TEST(served.server.connections() == 0u);
  served.server.stop(1s);  // again: nothing
  BOOST_CHECK_THROW(LineClient(served.socket(), 1s), AgentUnavailable);
}

BOOST_AUTO_TEST_CASE(a_reply_learns_that_its_peer_left) {
  KeptReplies replies;
  Served served(replies.handler());
  {
    RawPeer peer(served.socket());
    peer.write("then leave\n");
    replies.take_first();
  }
  Reply reply = replies.take_first();
  BOOST_TEST(eventually([&] { return reply.closed(); }));
  BOOST_TEST(eventually([&] { return served.server.connections() == 0u; }));
}

BOOST_AUTO_TEST_CASE(a_reply_to_a_sink_tells_its_line_or_its_drop_once) {
  std::vector<std::optional<std::string>> told;
  const auto sink = [&told](std::optional<std::string> line) { told.push_back(std::move(line)); };
  {
    Reply sent = Reply::to(sink);
    Reply copy = sent;
    copy.send("answer");
    sent.send("again");
    BOOST_TEST(!sent.closed());
  }
  Reply::to(sink);  // dropped at once
  BOOST_REQUIRE(told.size() == 2u);
  BOOST_TEST(told[0].value_or("") == "answer");
  BOOST_TEST(!told[1].has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::agent::test
