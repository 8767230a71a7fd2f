// A loopback "host" that takes a request's first bytes, ends its side (FIN) and closes the
// connection with the rest unread (the kernel then sends a reset), so the sender's write fails
// with EPIPE. Its receive buffer is small, so a big request is still being written then.
#pragma once

#include <string>

namespace cib::test {

class SilentHost {
 public:
  SilentHost();  // throws std::runtime_error when no loopback port can be bound
  ~SilentHost();
  SilentHost(const SilentHost&) = delete;
  SilentHost& operator=(const SilentHost&) = delete;

  // "http://127.0.0.1:PORT/2.0"
  std::string api_url() const;

  // Accepts `count` connections one after another, each closed once its request began to arrive
  // and the sender's writes are blocked on the full buffer. False when one does not come within
  // 20 s.
  bool close_connections_under_writes(int count);

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace cib::test
