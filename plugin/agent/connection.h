// One accepted connection of the agent's socket, owned by the I/O thread: the bytes read and not
// yet taken as lines, the reply being written, and what the connection waits for.
#pragma once

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "io_mailbox.h"
#include "line_server.h"

namespace cib::agent {

class Connection {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  enum class Phase {
    reading,   // waits for a request line
    awaiting,  // a line is with the handler; nothing more is read
    writing,   // writes the reply, then reads again
    closing    // writes a last line (a refusal), then closes
  };
  enum class Io { progress, would_block, ended };
  enum class Take { line, none, too_large };

  // Takes a connected, non-blocking socket.
  Connection(std::uint64_t id, Poco::Net::StreamSocket socket, Peer peer);

  std::uint64_t id() const { return id_; }
  int fd() const;
  const Peer& peer() const { return peer_; }

  Phase phase = Phase::reading;
  TimePoint deadline{};               // reading and writing only
  std::weak_ptr<ReplyState> pending;  // the last request's reply, told when the connection goes

  // Reads what the socket holds, at most one chunk; ended: the peer closed or failed.
  Io read_some();
  // Takes the next non-empty line from what was read (into `line`, without '\n'); too_large
  // when the line, ended or not, is longer than `cap`.
  Take take_line(std::size_t cap, std::string& line);
  bool line_begun() const { return !input_.empty(); }

  // Queues `line` and '\n' for writing.
  void queue(const std::string& line);
  // Writes what it can without blocking; progress: all written.
  Io write_some();

 private:
  std::uint64_t id_;
  Poco::Net::StreamSocket socket_;
  Peer peer_;
  std::string input_;
  std::size_t scanned_ = 0;  // input_[0, scanned_) holds no '\n'
  std::string output_;
  std::size_t written_ = 0;
};

}  // namespace cib::agent
