// The gateway's HTTP(S) front over real sockets on 127.0.0.1: requests and answers in both
// directions, keep-alive, the caps (body, header count and size, slow clients, idle
// connections, connection count), clients that leave mid-answer, handlers that throw, TLS, and
// stop() draining.
#define BOOST_TEST_MODULE unit_gateway_server
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <pthread.h>
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "gateway/gateway_server.h"
#include "raw_peer.h"
#include "temp_dir.h"
#include "test_certificates.h"

namespace cib::gw {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test::RawPeer;

// Checks `condition` until it holds or `limit` passes: for counters that change on the
// server's threads after the client already saw the effect.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit = 5s) {
  const auto until = Clock::now() + limit;
  while (Clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return condition();
}

std::int64_t millis_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

std::string header(const Headers& headers, const std::string& name) {
  for (const auto& [key, value] : headers) {
    if (Poco::icompare(key, name) == 0) return value;
  }
  return "";
}

bool has_header(const Headers& headers, const std::string& name) {
  for (const auto& field : headers) {
    if (Poco::icompare(field.first, name) == 0) return true;
  }
  return false;
}

// Whether SIGPIPE is blocked in the calling thread: the front's threads write the answers.
std::string sigpipe_state() {
  sigset_t mask;
  pthread_sigmask(SIG_BLOCK, nullptr, &mask);
  return sigismember(&mask, SIGPIPE) == 1 ? "blocked" : "deliverable";
}

// A handler that keeps what it was given and can hold a request until released.
struct Recorder {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<GatewayRequest> requests;
  int holding = 0;
  bool released = false;

  GatewayAnswer operator()(const GatewayRequest& request) {
    std::unique_lock<std::mutex> lock(mutex);
    requests.push_back(request);
    changed.notify_all();
    if (request.target == "/hold") {
      ++holding;
      changed.notify_all();
      changed.wait(lock, [this] { return released; });
      return GatewayAnswer{200, {{"Content-Type", "text/plain"}}, "held and answered"};
    }
    if (request.target == "/sigpipe") return GatewayAnswer{200, {}, sigpipe_state()};
    if (request.target.rfind("/throw", 0) == 0)
      throw std::runtime_error("the handler broke on purpose");
    if (request.target == "/big") return GatewayAnswer{200, {}, std::string(32 << 20, 'b')};
    GatewayAnswer answer;
    answer.status = 201;
    answer.headers = {
        {"X-Echo", request.method},  {"Connection", "X-Hop"}, {"X-Hop", "for this hop only"},
        {"Keep-Alive", "timeout=5"}, {"Upgrade", "h2c"},      {"Content-Length", "999"},
        {"Set-Cookie", "a=1"},       {"Set-Cookie", "b=2"}};
    answer.body = "answer to " + request.method + ": " + request.body;
    return answer;
  }

  void wait_holding(int count) {
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [&] { return holding >= count; });
  }
  void release() {
    std::lock_guard<std::mutex> lock(mutex);
    released = true;
    changed.notify_all();
  }
  std::size_t seen() {
    std::lock_guard<std::mutex> lock(mutex);
    return requests.size();
  }
  GatewayRequest last() {
    std::lock_guard<std::mutex> lock(mutex);
    return requests.back();
  }
};

struct Front {
  explicit Front(const std::function<void(ServerOptions&)>& tune = {}) {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.threads = 8;
    if (tune) tune(options);
    server = std::make_unique<GatewayServer>(
        options, [this](const GatewayRequest& request) { return (*recorder)(request); },
        [this](const std::string& line) {
          std::lock_guard<std::mutex> lock(log_mutex);
          log.push_back(line);
        });
    server->start();
  }
  ~Front() {
    recorder->release();  // a test that failed may have left a request held
  }
  std::uint16_t port() const { return server->port(); }
  std::vector<std::string> log_lines() {
    std::lock_guard<std::mutex> lock(log_mutex);
    return log;
  }

  std::shared_ptr<Recorder> recorder = std::make_shared<Recorder>();
  std::mutex log_mutex;
  std::vector<std::string> log;
  std::unique_ptr<GatewayServer> server;
};

const std::string kEncodedTarget = "/repositories/a%2Fb/pull%20requests?q=state%3D%22OPEN%22&x=1";

struct ClientAnswer {
  int status = 0;
  Poco::Net::HTTPResponse head;
  std::string body;
};

ClientAnswer exchange(Poco::Net::HTTPClientSession& session, Poco::Net::HTTPRequest& request,
                      const std::string& body = "") {
  if (!body.empty() && !request.getChunkedTransferEncoding()) {
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  session.sendRequest(request) << body;
  ClientAnswer answer;
  std::istream& in = session.receiveResponse(answer.head);
  Poco::StreamCopier::copyToString(in, answer.body);
  answer.status = static_cast<int>(answer.head.getStatus());
  return answer;
}

Poco::Net::HTTPRequest request_with_hops(const std::string& method) {
  Poco::Net::HTTPRequest request(method, kEncodedTarget, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setHost("gateway.example", 8790);
  request.set("X-Custom", "kept");
  request.set("Keep-Alive", "timeout=5");
  request.set("Proxy-Authorization", "Basic c2VjcmV0");
  request.set("TE", "trailers");
  request.set("Trailer", "X-Trailer");
  return request;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gateway_server)

BOOST_AUTO_TEST_CASE(every_method_passes_through_with_its_target_headers_and_bodies) {
  Front front;
  BOOST_TEST(front.server->scheme() == "http");
  Poco::Net::HTTPClientSession session("127.0.0.1", front.port());
  session.setKeepAlive(true);
  for (const std::string method : {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"}) {
    BOOST_TEST_CONTEXT(method) {
      Poco::Net::HTTPRequest request = request_with_hops(method);
      const bool sends_body = method == "POST" || method == "PUT" || method == "PATCH";
      const ClientAnswer answer = exchange(session, request, sends_body ? "{\"a\":1}" : "");
      const GatewayRequest seen = front.recorder->last();
      BOOST_TEST(seen.method == method);
      BOOST_TEST(seen.target == kEncodedTarget);
      BOOST_TEST(seen.host == "gateway.example:8790");
      BOOST_TEST(!seen.secure);
      BOOST_TEST(seen.peer.rfind("127.0.0.1:", 0) == 0u);
      BOOST_TEST(seen.body == (sends_body ? "{\"a\":1}" : ""));
      BOOST_TEST(header(seen.headers, "X-Custom") == "kept");
      for (const char* hop : {"Connection", "Keep-Alive", "Proxy-Authorization", "TE", "Trailer",
                              "Transfer-Encoding", "Upgrade"}) {
        BOOST_TEST(!has_header(seen.headers, hop), hop);
      }
      const std::string expected = "answer to " + method + ": " + seen.body;
      BOOST_TEST(answer.status == 201);
      BOOST_TEST(answer.head.get("X-Echo", "") == method);
      BOOST_TEST(!answer.head.has("X-Hop"));
      BOOST_TEST(!answer.head.has("Keep-Alive"));
      BOOST_TEST(!answer.head.has("Upgrade"));
      int cookies = 0;
      for (const auto& field : answer.head) cookies += field.first == "Set-Cookie" ? 1 : 0;
      BOOST_TEST(cookies == 2);
      // A HEAD answer keeps the length the handler declares for the resource, and no body.
      const Poco::Int64 length = method == "HEAD" ? 999 : static_cast<Poco::Int64>(expected.size());
      BOOST_TEST(answer.head.getContentLength64() == length);
      BOOST_TEST(answer.body == (method == "HEAD" ? "" : expected));
    }
  }
  BOOST_TEST(front.recorder->seen() == 6u);
}

BOOST_AUTO_TEST_CASE(headers_that_connection_names_are_removed_too) {
  Front front;
  RawPeer peer(front.port());
  peer.send(
      "GET /named HTTP/1.1\r\nHost: x\r\nConnection: X-Drop-Me, keep-alive\r\n"
      "X-Drop-Me: named by Connection\r\nUpgrade: h2c\r\nX-Kept: yes\r\n\r\n");
  const test::RawAnswer answer = peer.read_answer();
  BOOST_TEST(answer.status == 201);
  BOOST_TEST(!answer.head.has("X-Hop"));
  const GatewayRequest seen = front.recorder->last();
  BOOST_TEST(!has_header(seen.headers, "X-Drop-Me"));
  BOOST_TEST(!has_header(seen.headers, "Connection"));
  BOOST_TEST(!has_header(seen.headers, "Upgrade"));
  BOOST_TEST(header(seen.headers, "X-Kept") == "yes");
}

BOOST_AUTO_TEST_CASE(a_chunked_body_arrives_whole_and_keep_alive_serves_several_requests) {
  Front front;
  Poco::Net::HTTPClientSession session("127.0.0.1", front.port());
  session.setKeepAlive(true);
  std::string body;
  for (int i = 0; i < 5000; ++i) body += "chunk " + std::to_string(i) + "\n";
  std::string peer;
  for (int i = 0; i < 3; ++i) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/chunked",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setChunkedTransferEncoding(true);
    const ClientAnswer answer = exchange(session, request, body);
    BOOST_TEST(answer.status == 201);
    BOOST_TEST(answer.body == "answer to POST: " + body);
    const GatewayRequest seen = front.recorder->last();
    BOOST_TEST(seen.body == body);
    if (i == 0) peer = seen.peer;
    BOOST_TEST(seen.peer == peer);  // the same connection each time
  }
}

BOOST_AUTO_TEST_CASE(a_declared_body_over_the_cap_gets_413_unread_and_the_connection_closes) {
  Front front([](ServerOptions& options) { options.max_body_bytes = 1000; });
  RawPeer peer(front.port());
  peer.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
  const test::RawAnswer answer = peer.read_answer();
  BOOST_TEST(answer.status == 413);
  BOOST_TEST(answer.body.find("\"type\":\"error\"") != std::string::npos);
  BOOST_TEST(answer.body.find("cibatch gateway:") != std::string::npos);
  BOOST_TEST(peer.closed_within(5s));
  BOOST_TEST(front.recorder->seen() == 0u);
  BOOST_TEST(front.server->counts().too_large == 1);
}

BOOST_AUTO_TEST_CASE(a_chunked_body_growing_over_the_cap_gets_413_and_the_connection_closes) {
  Front front([](ServerOptions& options) { options.max_body_bytes = 1000; });
  RawPeer peer(front.port());
  peer.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk = "100\r\n" + std::string(256, 'c') + "\r\n";
  for (int i = 0; i < 5; ++i) peer.send(chunk);  // 1280 bytes: over the cap, not ended
  const test::RawAnswer answer = peer.read_answer();
  BOOST_TEST(answer.status == 413);
  BOOST_TEST(peer.closed_within(5s));
  BOOST_TEST(front.recorder->seen() == 0u);
  BOOST_TEST(front.server->counts().too_large == 1);
}

BOOST_AUTO_TEST_CASE(too_many_header_fields_get_431) {
  Front front([](ServerOptions& options) { options.max_header_count = 10; });
  {
    RawPeer fits(front.port());
    std::string head = "GET /fits HTTP/1.1\r\n";
    for (int i = 0; i < 10; ++i) head += "X-Field-" + std::to_string(i) + ": v\r\n";
    fits.send(head + "\r\n");
    BOOST_TEST(fits.read_answer().status == 201);
  }
  RawPeer peer(front.port());
  std::string head = "GET /many HTTP/1.1\r\n";
  for (int i = 0; i < 11; ++i) head += "X-Field-" + std::to_string(i) + ": v\r\n";
  peer.send(head + "\r\n");
  BOOST_TEST(peer.read_answer().status == 431);
  BOOST_TEST(peer.closed_within(5s));
  BOOST_TEST(front.recorder->seen() == 1u);
  BOOST_TEST(front.server->counts().too_large == 1);
}

BOOST_AUTO_TEST_CASE(a_head_over_the_size_cap_gets_431) {
  Front front([](ServerOptions& options) { options.max_header_bytes = 2048; });
  RawPeer several(front.port());
  std::string head = "GET /large HTTP/1.1\r\n";
  for (int i = 0; i < 5; ++i)
    head += "X-Field-" + std::to_string(i) + ": " + std::string(600, 'v') + "\r\n";
  several.send(head + "\r\n");
  BOOST_TEST(several.read_answer().status == 431);
  BOOST_TEST(several.closed_within(5s));
  // One field longer than the parser takes at all.
  RawPeer single(front.port());
  single.send("GET /large HTTP/1.1\r\nX-Huge: " + std::string(9000, 'v') + "\r\n\r\n");
  BOOST_TEST(single.read_answer().status == 431);
  BOOST_TEST(single.closed_within(5s));
  BOOST_TEST(front.recorder->seen() == 0u);
  BOOST_TEST(front.server->counts().too_large == 2);
}

// Sends `pieces` one byte at a time, about every 50 ms, until the front closes the connection;
// returns how long that took (or 10 s when it never did).
std::chrono::milliseconds trickle_until_closed(RawPeer& peer, const std::string& pieces) {
  const auto started = Clock::now();
  for (std::size_t i = 0; Clock::now() - started < 10s; ++i) {
    if (!peer.send(std::string(1, pieces[i % pieces.size()]))) break;
    if (peer.closed_within(50ms)) break;
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
}

BOOST_AUTO_TEST_CASE(a_slow_head_is_closed_after_the_read_timeout) {
  Front front([](ServerOptions& options) { options.read_timeout_ms = 300; });
  RawPeer peer(front.port());
  peer.send("GET /slow HTTP/1.1\r\nX-Slow: ");
  const auto took = trickle_until_closed(peer, "abcdefgh");
  BOOST_TEST(took.count() >= 250);
  BOOST_TEST(took.count() < 2000);
  BOOST_TEST(peer.stray().empty());
  BOOST_TEST(front.recorder->seen() == 0u);
  BOOST_TEST(front.server->counts().timed_out == 1);
}

BOOST_AUTO_TEST_CASE(a_slow_body_is_closed_after_the_read_timeout) {
  Front front([](ServerOptions& options) { options.read_timeout_ms = 300; });
  RawPeer peer(front.port());
  peer.send("PUT /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
  const auto took = trickle_until_closed(peer, "body");
  BOOST_TEST(took.count() >= 250);
  BOOST_TEST(took.count() < 2000);
  BOOST_TEST(front.recorder->seen() == 0u);
  BOOST_TEST(front.server->counts().timed_out == 1);
}

BOOST_AUTO_TEST_CASE(an_idle_keep_alive_connection_is_closed_after_keep_alive_ms) {
  Front front([](ServerOptions& options) { options.keep_alive_ms = 300; });
  RawPeer peer(front.port());
  peer.send("GET /once HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(peer.read_answer().status == 201);
  const auto started = Clock::now();
  BOOST_TEST(peer.closed_within(5s));
  BOOST_TEST(millis_since(started) >= 250);
  BOOST_TEST(front.server->counts().timed_out == 0);
}

BOOST_AUTO_TEST_CASE(over_max_connections_a_new_one_is_closed_until_one_leaves) {
  Front front([](ServerOptions& options) { options.max_connections = 2; });
  const std::string request = "GET /cap HTTP/1.1\r\nHost: x\r\n\r\n";
  auto first = std::make_unique<RawPeer>(front.port());
  RawPeer second(front.port());
  for (RawPeer* peer : {first.get(), &second}) {
    peer->send(request);
    BOOST_TEST(peer->read_answer().status == 201);
  }
  RawPeer third(front.port());
  third.send(request);
  BOOST_TEST(third.closed_within(5s));
  BOOST_TEST(third.stray().empty());
  BOOST_TEST(front.server->counts().connections_refused == 1);
  first->close();
  // The front learns of the close on its own thread: try until a connection is served.
  bool served = eventually([&] {
    RawPeer next(front.port());
    next.send(request);
    try {
      return next.read_answer().status == 201;
    } catch (const std::exception&) {
      return false;
    }
  });
  BOOST_TEST(served);
}

BOOST_AUTO_TEST_CASE(an_idle_keep_alive_connection_gives_its_thread_to_one_that_waits) {
  Front front([](ServerOptions& options) {
    options.threads = 1;
    options.keep_alive_ms = 60000;  // so only the waiting connection can explain the close
  });
  const std::string request = "GET /turn HTTP/1.1\r\nHost: x\r\n\r\n";
  RawPeer idle(front.port());
  idle.send(request);
  BOOST_TEST(idle.read_answer().status == 201);
  RawPeer waiting(front.port());
  waiting.send(request);
  BOOST_TEST(waiting.read_answer().status == 201);
  BOOST_TEST(idle.closed_within(5s));
}

// Makes SIGPIPE deliverable in the calling thread while it lives, as in a host program that
// unblocked it (Poco's own start-up blocks it in the main thread).
class SigpipeDeliverable {
 public:
  SigpipeDeliverable() {
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGPIPE);
    pthread_sigmask(SIG_UNBLOCK, &unblock, &previous_);
  }
  ~SigpipeDeliverable() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  SigpipeDeliverable(const SigpipeDeliverable&) = delete;
  SigpipeDeliverable& operator=(const SigpipeDeliverable&) = delete;

 private:
  sigset_t previous_;
};

BOOST_AUTO_TEST_CASE(a_client_leaving_mid_answer_is_counted_and_the_front_goes_on) {
  const SigpipeDeliverable host;
  Front front;
  {
    RawPeer peer(front.port());
    peer.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(peer.read_some(1000).rfind("HTTP/1.1 200", 0) == 0u);
    peer.close();
  }
  BOOST_TEST(eventually([&] { return front.server->counts().client_gone == 1; }));
  RawPeer next(front.port());
  next.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(next.read_answer().status == 201);
  // This process leaves SIGPIPE at its default (ending the process), as a host program may; the
  // front's threads have it blocked, so a write to a client that left fails with EPIPE instead.
  struct sigaction disposition {};
  sigaction(SIGPIPE, nullptr, &disposition);
  BOOST_TEST((disposition.sa_handler == SIG_DFL));
  BOOST_TEST(sigpipe_state() == "deliverable");
  next.send("GET /sigpipe HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(next.read_answer().body == "blocked");
}

BOOST_AUTO_TEST_CASE(a_handler_that_throws_gives_500_and_its_error_reaches_the_log) {
  Front front;
  RawPeer peer(front.port());
  peer.send("GET /throw?private_token=abc HTTP/1.1\r\nHost: x\r\n\r\n");
  const test::RawAnswer answer = peer.read_answer();
  BOOST_TEST(answer.status == 500);
  BOOST_TEST(answer.body ==
             R"({"type":"error","error":{"message":"cibatch gateway: internal error"}})");
  BOOST_TEST(answer.body.find("on purpose") == std::string::npos);
  const auto log = front.log_lines();
  BOOST_REQUIRE(log.size() == 1u);
  BOOST_TEST(log[0].find("the handler broke on purpose") != std::string::npos);
  BOOST_TEST(log[0].find("private_token") == std::string::npos);
  peer.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n");  // the connection is still good
  BOOST_TEST(peer.read_answer().status == 201);
}

BOOST_AUTO_TEST_CASE(tls_with_a_certificate_file_serves_https) {
  test::TempDir dir;
  const test::TestCertificates certificates = test::make_test_certificates(dir.path());
  Front front([&](ServerOptions& options) {
    options.tls_cert_file = certificates.server_cert;
    options.tls_key_file = certificates.server_key;
  });
  BOOST_TEST(front.server->scheme() == "https");
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", certificates.ca_cert,
                             Poco::Net::Context::VERIFY_STRICT);
  Poco::Net::HTTPSClientSession session("127.0.0.1", front.port(), context);
  session.setKeepAlive(true);
  for (int i = 0; i < 2; ++i) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/tls",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    const ClientAnswer answer = exchange(session, request, "over tls");
    BOOST_TEST(answer.status == 201);
    BOOST_TEST(answer.body == "answer to POST: over tls");
    BOOST_TEST(front.recorder->last().secure);
  }
}

BOOST_AUTO_TEST_CASE(a_certificate_or_key_that_cannot_be_loaded_is_named) {
  test::TempDir dir;
  const test::TestCertificates certificates = test::make_test_certificates(dir.path());
  const auto error_of = [](const std::string& cert, const std::string& key) -> std::string {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.tls_cert_file = cert;
    options.tls_key_file = key;
    try {
      GatewayServer server(options, [](const GatewayRequest&) { return GatewayAnswer{}; }, {});
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    return "no error";
  };
  const std::string missing = dir.file("missing.pem");
  BOOST_TEST(error_of(missing, certificates.server_key).find(missing) != std::string::npos);
  const std::string garbage = dir.file("garbage.pem");
  std::ofstream(garbage) << "not a certificate\n";
  BOOST_TEST(error_of(garbage, certificates.server_key).find(garbage) != std::string::npos);
  BOOST_TEST(error_of(certificates.server_cert, garbage).find(garbage) != std::string::npos);
  const std::string mismatch = error_of(certificates.server_cert, certificates.other_key);
  BOOST_TEST(mismatch.find(certificates.other_key) != std::string::npos);
  BOOST_TEST(mismatch.find(certificates.server_cert) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(stop_lets_a_request_in_flight_finish_and_closes_idle_connections) {
  Front front;
  RawPeer idle(front.port());
  idle.send("GET /first HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(idle.read_answer().status == 201);
  RawPeer held(front.port());
  held.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
  front.recorder->wait_holding(1);
  // The first connection's thread leaves the handling phase just after its answer went out.
  BOOST_TEST(eventually([&] { return front.server->counts().in_flight == 1; }));
  auto stopped = std::async(std::launch::async, [&] { return front.server->stop(10000); });
  BOOST_TEST(idle.closed_within(5s));  // stop() has begun: idle connections go first
  front.recorder->release();
  const test::RawAnswer answer = held.read_answer();
  BOOST_TEST(answer.status == 200);
  BOOST_TEST(answer.body == "held and answered");
  BOOST_TEST(Poco::icompare(answer.head.get("Connection", ""), "close") == 0);
  BOOST_TEST(stopped.get() == 0);
  BOOST_TEST(held.closed_within(5s));
}

BOOST_AUTO_TEST_CASE(stop_cuts_a_request_still_in_flight_after_drain_ms) {
  Front front;
  RawPeer held(front.port());
  held.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
  front.recorder->wait_holding(1);
  const auto started = Clock::now();
  auto stopped = std::async(std::launch::async, [&] { return front.server->stop(200); });
  BOOST_TEST(held.closed_within(5s));
  const auto took = millis_since(started);
  BOOST_TEST(took >= 150);
  BOOST_TEST(took < 3000);
  BOOST_TEST(held.stray().empty());
  front.recorder->release();  // stop() waits for the handler itself before it returns
  BOOST_TEST(stopped.get() == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::gw
