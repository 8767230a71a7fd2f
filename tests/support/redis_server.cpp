#include "redis_server.h"

#include <Poco/Exception.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <csignal>
#include <stdexcept>
#include <vector>

namespace cib::test {
namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr auto kStartTimeout = std::chrono::seconds(10);
constexpr int kPortAttempts = 5;

std::uint16_t free_loopback_port() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  const std::uint16_t port = socket.address().port();
  socket.close();
  return port;
}

std::string resp_command(const std::vector<std::string>& args) {
  std::string out = "*" + std::to_string(args.size()) + "\r\n";
  for (const std::string& arg : args)
    out += "$" + std::to_string(arg.size()) + "\r\n" + arg + "\r\n";
  return out;
}

// Reads RESP replies from one socket.
class ReplyReader {
 public:
  explicit ReplyReader(Poco::Net::StreamSocket& socket) : socket_(socket) {}

  // The reply as text: simple strings, numbers and bulk strings as they are, nil as "(nil)",
  // arrays as their elements one per line. An error reply throws.
  std::string reply() {
    const std::string line = read_line();
    if (line.empty()) throw std::runtime_error("redis sent an empty line");
    const std::string rest = line.substr(1);
    switch (line[0]) {
      case '+':
      case ':':
        return rest;
      case '-':
        throw std::runtime_error("redis refused the command: " + rest);
      case '$': {
        const long size = std::stol(rest);
        if (size < 0) return "(nil)";
        std::string bulk = read_bytes(static_cast<std::size_t>(size) + 2);
        return bulk.substr(0, static_cast<std::size_t>(size));
      }
      case '*': {
        const long count = std::stol(rest);
        std::string joined;
        for (long i = 0; i < count; ++i) joined += (i ? "\n" : "") + reply();
        return count < 0 ? "(nil)" : joined;
      }
      default:
        throw std::runtime_error("redis sent an unknown reply: " + line);
    }
  }

 private:
  void fill() {
    char chunk[4096];
    const int got = socket_.receiveBytes(chunk, sizeof chunk);
    if (got <= 0) throw std::runtime_error("redis closed the connection");
    buffer_.append(chunk, static_cast<std::size_t>(got));
  }
  std::string read_line() {
    std::size_t end;
    while ((end = buffer_.find("\r\n")) == std::string::npos) fill();
    std::string line = buffer_.substr(0, end);
    buffer_.erase(0, end + 2);
    return line;
  }
  std::string read_bytes(std::size_t size) {
    while (buffer_.size() < size) fill();
    std::string bytes = buffer_.substr(0, size);
    buffer_.erase(0, size);
    return bytes;
  }

  Poco::Net::StreamSocket& socket_;
  std::string buffer_;
};

// Sends `args` (after AUTH when a password is set) on a new connection; returns the reply.
std::string exchange(std::uint16_t port, const std::string& password,
                     const std::vector<std::string>& args) {
  try {
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(1, 0));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    ReplyReader reader(socket);
    std::string request;
    if (!password.empty()) request += resp_command({"AUTH", password});
    request += resp_command(args);
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    if (!password.empty()) reader.reply();
    return reader.reply();
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("redis on port " + std::to_string(port) + ": " + e.displayText());
  }
}

}  // namespace

RedisServer::RedisServer(std::string password) : password_(std::move(password)) {
  for (int attempt = 1;; ++attempt) {
    port_ = free_loopback_port();
    try {
      start();
      return;
    } catch (const std::runtime_error&) {
      // Another process may have taken the port between the probe and the start.
      if (attempt == kPortAttempts) throw;
    }
  }
}

RedisServer::~RedisServer() {
  kill();
}

std::string RedisServer::url(int db) const {
  const std::string auth = password_.empty() ? "" : ":" + password_ + "@";
  return "redis://" + auth + "127.0.0.1:" + std::to_string(port_) + "/" + std::to_string(db);
}

void RedisServer::kill() {
  if (!child_) return;
  ::kill(child_->pid(), SIGKILL);
  child_->wait();
  child_.reset();
}

void RedisServer::start() {
  if (child_) return;
  std::vector<std::string> argv{
      "redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",  "--save", "",
      "--appendonly", "no",     "--daemonize",         "no",     "--loglevel", "warning"};
  if (!password_.empty()) {
    argv.push_back("--requirepass");
    argv.push_back(password_);
  }
  child_ = std::make_unique<ChildProcess>(argv, true);
  const auto deadline = SteadyClock::now() + kStartTimeout;
  std::chrono::milliseconds back_off(2);
  while (true) {
    try {
      if (exchange(port_, password_, {"PING"}) == "PONG") return;
    } catch (const std::runtime_error&) {
      // Not listening yet.
    }
    // Waiting on the child's output doubles as the back-off and notices an early exit (a port
    // already in use); it also drains the pipe so the server never blocks on its log.
    const bool exited = child_->read_to_end(back_off);
    if (exited || SteadyClock::now() > deadline) {
      const std::string output = child_->output();
      kill();
      throw std::runtime_error("redis-server did not answer PING on port " + std::to_string(port_) +
                               (exited ? " (it exited)" : "") + ": " + output);
    }
    back_off = std::min(back_off * 2, std::chrono::milliseconds(100));
  }
}

std::string RedisServer::command(const std::string& name, const std::string& arg) const {
  std::vector<std::string> args{name};
  if (!arg.empty()) args.push_back(arg);
  return exchange(port_, password_, args);
}

}  // namespace cib::test
