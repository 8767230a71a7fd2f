// A host that never answers: a loopback socket that listens but never accepts. The kernel
// completes the handshake, so a request sent there waits for an answer until its read timeout.
// The slot-memory benchmark parks the dispatcher in such a request: otherwise each post wakes
// it to look over every pending slot, which makes posting a million of them quadratic.
#pragma once

#include <Poco/Net/ServerSocket.h>

#include <cstdint>
#include <string>

namespace cib::bench {

class StalledHost {
 public:
  StalledHost();  // throws Poco::Exception when no loopback port can be bound

  // "http://127.0.0.1:PORT/2.0"
  std::string api_url() const;

  // Waits at most timeout_ms until a client has connected; true when one has.
  bool wait_for_connection(int timeout_ms);

 private:
  Poco::Net::ServerSocket socket_;
};

}  // namespace cib::bench
