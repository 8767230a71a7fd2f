// The byte-level client of the front's tests (see raw_peer.h).
#include "raw_peer.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <sys/socket.h>

#include <stdexcept>
#include <vector>

namespace cib::test {

RawPeer::RawPeer(std::uint16_t port)
    : socket_(Poco::Net::SocketAddress("127.0.0.1", port)),
      stream_(std::make_unique<Poco::Net::SocketStream>(socket_)) {}

bool RawPeer::send(const std::string& bytes) {
  try {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const int n = socket_.sendBytes(bytes.data() + done, static_cast<int>(bytes.size() - done),
                                      MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  } catch (const Poco::Exception&) {
    return false;
  }
}

RawAnswer RawPeer::read_answer() {
  RawAnswer answer;
  answer.head.read(*stream_);
  if (!*stream_) throw std::runtime_error("the connection ended before an answer's head");
  answer.status = static_cast<int>(answer.head.getStatus());
  if (answer.head.hasContentLength()) {
    answer.body.resize(static_cast<std::size_t>(answer.head.getContentLength64()));
    stream_->read(answer.body.data(), static_cast<std::streamsize>(answer.body.size()));
    if (!*stream_) throw std::runtime_error("the connection ended in an answer's body");
  }
  return answer;
}

std::string RawPeer::read_some(std::size_t max) {
  std::vector<char> buffer(max);
  stream_->read(buffer.data(), 1);
  if (stream_->gcount() == 0) return "";
  const std::streamsize more =
      stream_->readsome(buffer.data() + 1, static_cast<std::streamsize>(max - 1));
  return std::string(buffer.data(), static_cast<std::size_t>(1 + more));
}

bool RawPeer::closed_within(std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  std::vector<char> buffer(4096);
  try {
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      if (!socket_.poll(Poco::Timespan(left.count()), Poco::Net::Socket::SELECT_READ)) return false;
      const int n = socket_.receiveBytes(buffer.data(), static_cast<int>(buffer.size()));
      if (n <= 0) return true;
      stray_.append(buffer.data(), static_cast<std::size_t>(n));
    }
  } catch (const Poco::Net::ConnectionResetException&) {
    return true;
  }
}

void RawPeer::close() {
  socket_.close();
}

}  // namespace cib::test
