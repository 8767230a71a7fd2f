#include "silent_host.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace cib::test {
namespace {

constexpr int kWaitMs = 20000;
constexpr int kReceiveBuffer = 4096;

bool readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, kWaitMs) == 1;
}

}  // namespace

SilentHost::SilentHost() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  const int buffer = kReceiveBuffer;  // inherited by the accepted sockets
  if (fd_ < 0 || ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer) != 0 ||
      ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd_, 4) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    if (fd_ >= 0) ::close(fd_);
    throw std::runtime_error("SilentHost: cannot listen on loopback");
  }
  port_ = ntohs(address.sin_port);
}

SilentHost::~SilentHost() {
  ::close(fd_);
}

std::string SilentHost::api_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/2.0";
}

bool SilentHost::close_connections_under_writes(int count) {
  for (int i = 0; i < count; ++i) {
    const int connection = readable(fd_) ? ::accept(fd_, nullptr, nullptr) : -1;
    if (connection < 0) return false;
    char first[512];
    const bool arrived = readable(connection) && ::recv(connection, first, sizeof first, 0) > 0;
    // FIN first, so that the reset which the unread rest causes finds the sender's side closing:
    // its write then fails with EPIPE, the error that comes with SIGPIPE.
    ::shutdown(connection, SHUT_WR);
    ::close(connection);
    if (!arrived) return false;
  }
  return true;
}

}  // namespace cib::test
