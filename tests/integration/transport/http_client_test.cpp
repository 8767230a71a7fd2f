#include "transport/http_client.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <thread>

#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/SocketAddress.h"
#include "test_server.h"

namespace cib {
namespace {

using Kind = TransportError::Kind;
using test::TestServer;

constexpr const char* kSecret = "Bearer sekrit-token-7f3a9";

TransportSettings settings_for(const std::string& base_url) {
  TransportSettings settings;
  settings.base_url = base_url;
  settings.connect_timeout_ms = 5000;
  settings.read_timeout_ms = 20000;
  return settings;
}

HttpRequest request(const std::string& method, const std::string& target) {
  HttpRequest r;
  r.method = method;
  r.target = target;
  r.headers = {{"Authorization", kSecret}};
  if (method == "POST" || method == "PUT") r.body = R"({"state":"SUCCESSFUL"})";
  r.idempotent = method != "POST";
  return r;
}

// The TransportError that sending `r` throws; fails the test when there is none.
TransportError send_error(HttpClient& client, const HttpRequest& r) {
  try {
    client.send(r);
  } catch (const TransportError& e) {
    BOOST_TEST_MESSAGE(e.what());
    return e;
  }
  BOOST_FAIL("expected a TransportError");
  throw std::logic_error("unreachable");
}

std::uint16_t closed_port() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  const std::uint16_t port = socket.address().port();
  socket.close();
  return port;
}

BOOST_AUTO_TEST_SUITE(http_client)

BOOST_AUTO_TEST_CASE(three_requests_share_one_keep_alive_connection) {
  TestServer server;
  HttpClient client(settings_for(server.url()));
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(client.send(request("GET", "/ping")).status == 200);
  }
  BOOST_TEST(server.targets().size() == 3u);
  BOOST_TEST(server.connections() == 1u);
}

BOOST_AUTO_TEST_CASE(encoded_target_arrives_unchanged_after_the_base_path) {
  TestServer server;
  HttpClient client(settings_for(server.url("/api/v4/")));
  const std::string target = "/projects/group%2Fsub%2Fproj/statuses/abc?name=a%2Fb%20c";
  const HttpResponse response = client.send(request("GET", target));
  BOOST_TEST(response.status == 200);
  BOOST_REQUIRE(server.targets().size() == 1u);
  BOOST_TEST(server.targets()[0] == "/api/v4" + target);
}

BOOST_AUTO_TEST_CASE(body_and_answer_headers_travel) {
  TestServer server;
  HttpClient client(settings_for(server.url()));
  const HttpResponse response = client.send(request("PUT", "/reports/r1"));
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.body == "PUT /reports/r1\n{\"state\":\"SUCCESSFUL\"}");
  BOOST_TEST(response.header("content-type") == "text/plain");
}

BOOST_AUTO_TEST_CASE(slow_answer_gives_timeout) {
  TestServer server;
  TransportSettings settings = settings_for(server.url());
  settings.read_timeout_ms = 300;
  HttpClient client(settings);
  const TransportError error = send_error(client, request("PUT", "/hold"));
  BOOST_TEST((error.kind() == Kind::timeout));
  BOOST_TEST(error.maybe_applied());
  BOOST_TEST(std::string(error.what()).find(server.url().substr(7)) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(connection_closed_after_the_request_gives_ambiguous) {
  TestServer server;
  HttpClient client(settings_for(server.url()));
  const TransportError error = send_error(client, request("POST", "/drop"));
  BOOST_TEST((error.kind() == Kind::ambiguous));
  BOOST_TEST(server.targets().size() == 1u);
}

BOOST_AUTO_TEST_CASE(drop_on_a_reused_connection_resends_only_idempotent_requests) {
  TestServer server;
  HttpClient client(settings_for(server.url()));
  BOOST_TEST(client.send(request("GET", "/first")).status == 200);
  BOOST_TEST((send_error(client, request("PUT", "/drop/put")).kind() == Kind::ambiguous));
  BOOST_TEST(client.send(request("GET", "/again")).status == 200);
  BOOST_TEST((send_error(client, request("POST", "/drop/post")).kind() == Kind::ambiguous));
  const std::vector<std::string> expected = {"/first", "/drop/put", "/drop/put", "/again",
                                             "/drop/post"};
  BOOST_TEST(server.targets() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(refused_connection_gives_connect) {
  const std::uint16_t port = closed_port();
  HttpClient client(settings_for("http://127.0.0.1:" + std::to_string(port)));
  const TransportError error = send_error(client, request("POST", "/statuses"));
  BOOST_TEST((error.kind() == Kind::connect));
  BOOST_TEST(!error.maybe_applied());
  BOOST_TEST(std::string(error.what()).find("127.0.0.1:" + std::to_string(port)) !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(abort_from_another_thread_ends_a_request_in_flight_promptly) {
  TestServer server;
  HttpClient client(settings_for(server.url()));  // read timeout 20 s
  std::optional<TransportError> error;
  auto elapsed = std::chrono::steady_clock::duration::zero();
  std::thread sender([&] {
    const auto start = std::chrono::steady_clock::now();
    try {
      client.send(request("PUT", "/hold"));
    } catch (const TransportError& e) {
      error = e;
    }
    elapsed = std::chrono::steady_clock::now() - start;
  });
  const bool arrived = server.wait_for_held_request(std::chrono::seconds(10));
  client.abort();
  sender.join();
  BOOST_REQUIRE(arrived);
  BOOST_REQUIRE(error.has_value());
  BOOST_TEST((error->kind() == Kind::ambiguous));
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() < 5000);
  // An aborted client sends nothing more.
  BOOST_TEST((send_error(client, request("GET", "/after")).kind() == Kind::connect));
  BOOST_TEST(server.targets().size() == 1u);
}

BOOST_AUTO_TEST_CASE(authorization_value_never_appears_in_errors) {
  TestServer server;
  TransportSettings settings = settings_for(server.url());
  settings.read_timeout_ms = 300;
  HttpClient client(settings);
  HttpClient refused(settings_for("http://127.0.0.1:" + std::to_string(closed_port())));
  std::vector<std::string> messages = {
      send_error(client, request("PUT", "/hold")).what(),
      send_error(client, request("POST", "/drop")).what(),
      send_error(refused, request("GET", "/x")).what(),
  };
  HttpRequest injected = request("GET", "/x");
  injected.headers.push_back({"X-Token", std::string(kSecret) + "\r\nX-Evil: 1"});
  try {
    client.send(injected);
    BOOST_FAIL("a header value with a line break must be refused");
  } catch (const std::invalid_argument& e) {
    messages.push_back(e.what());
  }
  for (const std::string& message : messages) {
    BOOST_TEST_CONTEXT("message: " << message) {
      BOOST_TEST(message.find("sekrit") == std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(plain_http_through_a_proxy_sends_the_absolute_url) {
  TestServer proxy;
  TransportSettings settings = settings_for("http://127.0.0.1:9/api");
  settings.proxy = "http://me:pr0xy-pw@127.0.0.1:" + std::to_string(proxy.port());
  HttpClient client(settings);
  BOOST_TEST(client.send(request("GET", "/repos/a%2Fb")).status == 200);
  BOOST_REQUIRE(proxy.targets().size() == 1u);
  BOOST_TEST(proxy.targets()[0] == "http://127.0.0.1:9/api/repos/a%2Fb");
}

BOOST_AUTO_TEST_CASE(https_through_a_proxy_opens_a_tunnel_with_connect) {
  TestServer proxy;  // answers CONNECT with 200 and then speaks HTTP, not TLS
  TransportSettings settings = settings_for("https://127.0.0.1:9/api");
  settings.read_timeout_ms = 500;
  settings.proxy = "http://me:pr0xy-pw@127.0.0.1:" + std::to_string(proxy.port());
  HttpClient client(settings);
  const TransportError error = send_error(client, request("GET", "/x"));
  BOOST_TEST(!error.maybe_applied());
  BOOST_TEST(std::string(error.what()).find("pr0xy-pw") == std::string::npos);
  BOOST_TEST(std::string(error.what()).find("127.0.0.1:" + std::to_string(proxy.port())) !=
             std::string::npos);
  BOOST_REQUIRE(!proxy.targets().empty());
  BOOST_TEST(proxy.targets()[0] == "127.0.0.1:9");
}

BOOST_AUTO_TEST_CASE(plain_http_is_only_for_loopback_unless_allowed) {
  BOOST_CHECK_THROW(HttpClient(settings_for("http://ci.example.com/api")), std::invalid_argument);
  TransportSettings allowed = settings_for("http://ci.example.com/api");
  allowed.allow_insecure_http = true;
  BOOST_CHECK_NO_THROW(HttpClient{allowed});
  BOOST_CHECK_NO_THROW(HttpClient(settings_for("http://localhost:1/api")));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
