// A loopback TCP port that plays a broken peer: it accepts connections and either says nothing
// at all (a host that never answers) or answers each request's head with fixed bytes and closes
// (a proxy that refuses CONNECT; an HTTP server that a TLS client greets). The system picks
// the port.
#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cib::test {

class RawListener {
 public:
  // `reply` empty: silent; the connections stay open, unread, until close().
  explicit RawListener(std::string reply = "");
  ~RawListener();

  RawListener(const RawListener&) = delete;
  RawListener& operator=(const RawListener&) = delete;

  std::uint16_t port() const { return port_; }
  // Connections accepted so far.
  int connections() const { return accepted_.load(); }
  // Request heads read (with a reply only), e.g. "CONNECT 127.0.0.1:443 HTTP/1.1\r\n…".
  std::vector<std::string> heads() const;

  // Stops listening and closes every connection; the port is free again afterwards.
  void close();

 private:
  void run();
  void answer(Poco::Net::StreamSocket& socket);

  std::string reply_;
  Poco::Net::ServerSocket server_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> heads_;
  std::vector<Poco::Net::StreamSocket> held_;
  std::thread thread_;
};

}  // namespace cib::test
