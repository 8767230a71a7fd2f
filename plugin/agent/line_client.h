// The other end of the agent's socket, for the `cibatch` command and the tests: one connection
// that sends request lines and reads reply lines, one at a time, each within its timeout.
#pragma once

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace cib::agent {

// No agent can be reached at the path: nothing there, nothing listening, no right to connect,
// or no connection within the timeout. The caller may go on without the agent.
class AgentUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class LineClient {
 public:
  // Connects to the Unix socket `path` within `connect_timeout`. Throws AgentUnavailable.
  LineClient(const std::string& path, std::chrono::milliseconds connect_timeout);
  LineClient(const LineClient&) = delete;
  LineClient& operator=(const LineClient&) = delete;

  // send(line) then read_line(), each within `reply_timeout`.
  std::string request(const std::string& line, std::chrono::milliseconds reply_timeout);
  // Writes `line` and '\n'. Throws std::runtime_error naming the path when the agent closed the
  // connection or did not take the line within `timeout`.
  void send(const std::string& line, std::chrono::milliseconds timeout);
  // The next line the agent writes, without '\n'. Throws std::runtime_error naming the path when
  // the agent closes the connection or `timeout` passes first.
  std::string read_line(std::chrono::milliseconds timeout);

 private:
  bool wait_for(short events, std::chrono::steady_clock::time_point deadline);
  [[noreturn]] void fail(const std::string& what) const;

  std::string path_;
  Poco::Net::StreamSocket socket_;
  std::string input_;
};

}  // namespace cib::agent
