// A client of the gateway's front at the byte level, for what a well-behaved HTTP client will
// not do: send a request a byte at a time, stop in the middle of a head or a body, leave in the
// middle of an answer. Answers are read with Poco's parser.
#pragma once

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketStream.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace cib::test {

struct RawAnswer {
  int status = 0;
  Poco::Net::HTTPResponse head;
  std::string body;
};

class RawPeer {
 public:
  explicit RawPeer(std::uint16_t port);  // connects to 127.0.0.1:port

  // False when the connection is gone (never raises SIGPIPE).
  bool send(const std::string& bytes);
  // One answer, framed by its Content-Length (none: no body); throws when the connection ends
  // before a whole answer.
  RawAnswer read_answer();
  // Up to `max` bytes of whatever arrives next ("" at the end).
  std::string read_some(std::size_t max);
  // True when the front closes the connection within `limit` (end of stream or reset); bytes
  // that arrive meanwhile are kept in stray().
  bool closed_within(std::chrono::milliseconds limit);
  const std::string& stray() const { return stray_; }
  // Closes without reading what is left (the kernel answers further data with a reset).
  void close();

 private:
  Poco::Net::StreamSocket socket_;
  std::unique_ptr<Poco::Net::SocketStream> stream_;
  std::string stray_;
};

}  // namespace cib::test
