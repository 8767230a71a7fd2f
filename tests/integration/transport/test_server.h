// An in-process Poco HTTP(S) server on 127.0.0.1 with a port picked by the kernel. What it does
// depends on the request path:
//   .../hold...  waits until the server is destroyed, without answering;
//   .../drop...  reads the request, then shuts the connection down without answering;
//   CONNECT      answers 200 as a proxy would, but then goes on speaking plain HTTP;
//   anything else answers 200 with the body "METHOD TARGET\nREQUEST-BODY".
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace cib::test {

struct ServerCertificate {
  std::string certificate_file;  // PEM
  std::string key_file;          // PEM, not encrypted
};

class TestServer {
 public:
  // Plain HTTP without a certificate, HTTPS with one.
  explicit TestServer(std::optional<ServerCertificate> certificate = std::nullopt);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::uint16_t port() const { return port_; }
  // "http(s)://127.0.0.1:PORT" + path
  std::string url(const std::string& path = "") const;

  // The request targets exactly as they arrived, in order.
  std::vector<std::string> targets() const;
  // How many distinct client connections sent requests.
  std::size_t connections() const;
  // Waits until a .../hold request has arrived; false after `limit`.
  bool wait_for_held_request(std::chrono::milliseconds limit) const;

  struct State;

 private:
  bool secure_;
  std::uint16_t port_ = 0;
  std::shared_ptr<State> state_;
  std::unique_ptr<Poco::ThreadPool> threads_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace cib::test
