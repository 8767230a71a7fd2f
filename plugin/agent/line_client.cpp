#include "line_client.h"

#include <Poco/Net/StreamSocketImpl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace cib::agent {
namespace {

using Clock = std::chrono::steady_clock;

// A blocking connect bounded by SO_SNDTIMEO: a Unix socket whose backlog is full makes the
// caller wait for room, up to that timeout (EAGAIN after it).
int connect_unix(const std::string& path, std::chrono::milliseconds timeout) {
  if (path.empty() || path.size() >= sizeof(sockaddr_un{}.sun_path)) {
    throw AgentUnavailable(path + ": not a usable socket path");
  }
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw AgentUnavailable(path + ": cannot make a socket: " + std::strerror(errno));
  const auto ms = std::max<long long>(timeout.count(), 1);
  const timeval limit{static_cast<time_t>(ms / 1000), static_cast<suseconds_t>(ms % 1000 * 1000)};
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    ::close(fd);
    if (error == EAGAIN) {
      throw AgentUnavailable("no agent took the connection at " + path + " within " +
                             std::to_string(timeout.count()) + " ms");
    }
    throw AgentUnavailable("no agent answers at " + path + " (" + std::strerror(error) + ")");
  }
  return fd;
}

}  // namespace

LineClient::LineClient(const std::string& path, std::chrono::milliseconds connect_timeout)
    : path_(path), socket_(new Poco::Net::StreamSocketImpl(connect_unix(path, connect_timeout))) {
  socket_.setBlocking(false);
}

std::string LineClient::request(const std::string& line, std::chrono::milliseconds reply_timeout) {
  send(line, reply_timeout);
  return read_line(reply_timeout);
}

void LineClient::send(const std::string& line, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  const std::string text = line + '\n';
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t sent =
        ::send(socket_.impl()->sockfd(), text.data() + done, text.size() - done, MSG_NOSIGNAL);
    if (sent > 0) {
      done += static_cast<std::size_t>(sent);
    } else if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      if (!wait_for(POLLOUT, deadline)) fail("the agent did not take the request in time");
    } else {
      fail("the agent closed the connection");
    }
  }
}

std::string LineClient::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const std::size_t end = input_.find('\n');
    if (end != std::string::npos) {
      std::string line = input_.substr(0, end);
      input_.erase(0, end + 1);
      return line;
    }
    char chunk[64 * 1024];
    const ssize_t got = ::recv(socket_.impl()->sockfd(), chunk, sizeof chunk, 0);
    if (got > 0) {
      input_.append(chunk, static_cast<std::size_t>(got));
    } else if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      if (!wait_for(POLLIN, deadline)) fail("the agent did not answer in time");
    } else {
      fail("the agent closed the connection");
    }
  }
}

bool LineClient::wait_for(short events, Clock::time_point deadline) {
  pollfd polled{socket_.impl()->sockfd(), events, 0};
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    const int ready = ::poll(&polled, 1, static_cast<int>(left.count()));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

void LineClient::fail(const std::string& what) const {
  throw std::runtime_error(path_ + ": " + what);
}

}  // namespace cib::agent
