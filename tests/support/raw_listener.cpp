#include "raw_listener.h"

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>

#include <cctype>

namespace cib::test {
namespace {

const Poco::Timespan kPollStep(0, 20 * 1000);  // how often the thread looks at stop_

}  // namespace

RawListener::RawListener(std::string reply)
    : reply_(std::move(reply)), server_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
  port_ = server_.address().port();
  thread_ = std::thread([this] { run(); });
}

RawListener::~RawListener() {
  close();
}

std::vector<std::string> RawListener::heads() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return heads_;
}

void RawListener::close() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& socket : held_) {
    try {
      socket.close();
    } catch (const Poco::Exception&) {
      // already gone
    }
  }
  held_.clear();
  try {
    server_.close();
  } catch (const Poco::Exception&) {
    // already closed
  }
}

void RawListener::run() {
  while (!stop_) {
    try {
      if (!server_.poll(kPollStep, Poco::Net::Socket::SELECT_READ)) continue;
      Poco::Net::StreamSocket socket = server_.acceptConnection();
      ++accepted_;
      if (reply_.empty()) {
        std::lock_guard<std::mutex> lock(mutex_);
        held_.push_back(socket);
      } else {
        answer(socket);
      }
    } catch (const Poco::Exception&) {
      // A client that went away mid-accept: keep listening.
    }
  }
}

// Reads the request head (up to the blank line, at most 5 s; only the first bytes when they
// are not text, a TLS ClientHello say), sends the reply and closes.
void RawListener::answer(Poco::Net::StreamSocket& socket) {
  socket.setReceiveTimeout(Poco::Timespan(5, 0));
  std::string head;
  char buffer[1024];
  const auto text = [&head] { return head.empty() || std::isalpha(head[0] & 0xff) != 0; };
  while (head.find("\r\n\r\n") == std::string::npos && text()) {
    const int got = socket.receiveBytes(buffer, sizeof buffer);
    if (got <= 0) break;
    head.append(buffer, static_cast<std::size_t>(got));
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    heads_.push_back(head);
  }
  socket.sendBytes(reply_.data(), static_cast<int>(reply_.size()));
  socket.shutdown();
  socket.close();
}

}  // namespace cib::test
