// Runs a real redis-server (Debian's package) for one test on a free loopback port, with no
// persistence, so the test starts from an empty store. stop() and start() again on the same
// port simulate a Redis that went away and came back empty. The destructor stops it.
#pragma once

#include <csignal>
#include <cstdint>
#include <memory>
#include <string>

#include "child_process.h"

namespace cib::test {

// A test that kills Redis: a write to a connection whose server was killed must fail with EPIPE, not end the test run.
struct SigpipeIgnored {
  SigpipeIgnored() { previous = std::signal(SIGPIPE, SIG_IGN); }
  ~SigpipeIgnored() { std::signal(SIGPIPE, previous); }
  void (*previous)(int) = nullptr;
};

class RedisServer {
 public:
  // Starts redis-server on a free 127.0.0.1 port and waits (at most 10 s) until it answers
  // PING. `password`, when set, is required (requirepass). Throws std::runtime_error.
  explicit RedisServer(std::string password = "");
  ~RedisServer();

  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  std::uint16_t port() const { return port_; }
  // "redis://127.0.0.1:PORT/DB" (with the password as redis://:PASSWORD@... when set).
  std::string url(int db = 0) const;

  // Kills the server at once (SIGKILL): clients see a dropped connection.
  void kill();
  // Starts it again, empty, on the same port.
  void start();
  bool running() const { return child_ != nullptr; }

  // Sends one command with redis-cli-free means (a raw RESP exchange) and returns the reply as
  // text: for assertions like "DBSIZE". Throws std::runtime_error.
  std::string command(const std::string& name, const std::string& arg = "") const;

 private:
  std::string password_;
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> child_;
};

}  // namespace cib::test
