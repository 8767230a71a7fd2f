// What the agent server's tests share: a socket in a fresh folder, an echoing handler, the
// too-large line, and a raw peer that writes and reads bytes as a test needs them (half lines,
// early closes), without the line client's rules.
#pragma once

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

#include "line_server.h"
#include "temp_dir.h"

namespace cib::agent::test {

using namespace std::chrono_literals;

inline std::string too_large_line(std::size_t cap) {
  return "too_large " + std::to_string(cap);
}

inline Handler echo() {
  return [](const Peer&, std::string line, Reply reply) { reply.send("echo " + line); };
}

inline Admission admit_all() {
  return [](const Peer&) -> std::optional<std::string> { return std::nullopt; };
}

struct SocketFolder {
  cib::test::TempDir dir{"cib-agent"};
  std::string socket = dir.file("run/agent.sock");

  LineServerOptions options() const {
    LineServerOptions options;
    options.socket_path = socket;
    return options;
  }
};

// A server started on the socket of a fresh folder; `tune` changes the options first.
struct Served {
  explicit Served(Handler handler = echo(), Admission admit = admit_all(),
                  const std::function<void(LineServerOptions&)>& tune = nullptr)
      : server(options(tune), std::move(admit), std::move(handler), too_large_line) {
    server.start();
  }
  const std::string& socket() const { return folder.socket; }

  SocketFolder folder;
  LineServer server;

 private:
  LineServerOptions options(const std::function<void(LineServerOptions&)>& tune) const {
    LineServerOptions options = folder.options();
    if (tune) tune(options);
    return options;
  }
};

// Waits for a condition another thread makes true, checking it every millisecond.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

// Milliseconds since `since`, a number Boost.Test can print.
inline long long elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               since)
      .count();
}

class RawPeer {
 public:
  explicit RawPeer(const std::string& path) : fd_(::socket(AF_UNIX, SOCK_STREAM, 0)) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      throw std::runtime_error("cannot connect to " + path);
    }
    const timeval limit{10, 0};  // a hung server fails the test instead of hanging it
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  }
  ~RawPeer() { close(); }
  RawPeer(const RawPeer&) = delete;
  RawPeer& operator=(const RawPeer&) = delete;

  void write(const std::string& bytes) {
    if (::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(bytes.size())) {
      throw std::runtime_error("the server did not take the bytes");
    }
  }
  // Up to `limit` bytes, at least one unless the server closed. Throws when the server says
  // nothing for 10 s, so that a server that should have closed fails the test.
  std::string read_some(std::size_t limit = 65536) {
    std::string bytes(limit, '\0');
    const ssize_t got = ::recv(fd_, bytes.data(), limit, 0);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      throw std::runtime_error("the server neither wrote nor closed within 10 s");
    }
    bytes.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return bytes;
  }
  // Everything until the server closes the connection.
  std::string read_to_end() {
    std::string all;
    for (std::string some = read_some(); !some.empty(); some = read_some()) all += some;
    return all;
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

}  // namespace cib::agent::test
