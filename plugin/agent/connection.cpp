#include "connection.h"

#include <sys/socket.h>

#include <cerrno>

namespace cib::agent {
namespace {

constexpr std::size_t kReadChunk = 64 * 1024;

}  // namespace

Connection::Connection(std::uint64_t id, Poco::Net::StreamSocket socket, Peer peer)
    : id_(id), socket_(std::move(socket)), peer_(peer) {}

int Connection::fd() const {
  return socket_.impl()->sockfd();
}

Connection::Io Connection::read_some() {
  char chunk[kReadChunk];
  ssize_t got;
  do {
    got = ::recv(fd(), chunk, sizeof chunk, 0);
  } while (got < 0 && errno == EINTR);
  if (got > 0) {
    input_.append(chunk, static_cast<std::size_t>(got));
    return Io::progress;
  }
  if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Io::would_block;
  return Io::ended;
}

Connection::Take Connection::take_line(std::size_t cap, std::string& line) {
  for (;;) {
    const std::size_t end = input_.find('\n', scanned_);
    if (end == std::string::npos) {
      scanned_ = input_.size();
      return input_.size() > cap ? Take::too_large : Take::none;
    }
    if (end > cap) return Take::too_large;
    line.assign(input_, 0, end);
    input_.erase(0, end + 1);
    scanned_ = 0;
    if (input_.empty() && input_.capacity() > kReadChunk) input_.shrink_to_fit();
    if (!line.empty()) return Take::line;
  }
}

void Connection::queue(const std::string& line) {
  output_.append(line);
  output_.push_back('\n');
}

Connection::Io Connection::write_some() {
  while (written_ < output_.size()) {
    const ssize_t sent =
        ::send(fd(), output_.data() + written_, output_.size() - written_, MSG_NOSIGNAL);
    if (sent > 0) {
      written_ += static_cast<std::size_t>(sent);
    } else if (sent < 0 && errno == EINTR) {
      continue;
    } else if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return Io::would_block;
    } else {
      return Io::ended;
    }
  }
  output_.clear();
  output_.shrink_to_fit();
  written_ = 0;
  return Io::progress;
}

}  // namespace cib::agent
