// The agent's I/O thread: one poll() over the listening socket, the wake-up pipe and every
// connection. It accepts and admits peers, reads request lines (not while a reply is pending),
// hands each line to `dispatch`, writes replies without blocking, and closes connections that
// overrun their deadlines. Everything here runs on that one thread, but connections().
#pragma once

#include <poll.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "connection.h"
#include "io_mailbox.h"
#include "line_server.h"
#include "unix_listener.h"

namespace cib::agent {

class IoLoop {
 public:
  using Clock = std::chrono::steady_clock;
  using Dispatch = std::function<void(const Peer& peer, std::string line, Reply reply)>;
  using TooLarge = std::function<std::string(std::size_t cap)>;

  IoLoop(const LineServerOptions& options, UnixListener& listener,
         std::shared_ptr<IoMailbox> mailbox, Admission admit, TooLarge too_large,
         Dispatch dispatch);

  // Serves until the mailbox asks to stop and the drain is over; then every connection is
  // closed and the listener too.
  void run();
  // Any thread.
  std::size_t connections() const { return count_.load(); }

 private:
  int poll_once();
  bool finished(Clock::time_point now) const;
  void read_mail(Clock::time_point now);
  void begin_stop(Clock::time_point drain_until);
  void accept_all(Clock::time_point now);
  void admit(int fd, Clock::time_point now);
  void on_ready(Connection& connection, short events, Clock::time_point now);
  void read_lines(Connection& connection, Clock::time_point now);
  bool serve_buffered(Connection& connection, Clock::time_point now);
  void write_out(Connection& connection, Clock::time_point now);
  void answer(const IoMailbox::Answer& answer, Clock::time_point now);
  void expire(Clock::time_point now);
  void close(Connection& connection);
  void close_all();

  LineServerOptions options_;
  UnixListener& listener_;
  std::shared_ptr<IoMailbox> mailbox_;
  Admission admit_;
  TooLarge too_large_;
  Dispatch dispatch_;

  std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> open_;
  std::uint64_t next_id_ = 1;
  std::atomic<std::size_t> count_{0};
  std::vector<pollfd> polled_;
  std::vector<std::uint64_t> polled_ids_;  // the connection of polled_[i + kFixed]
  bool listening_ = true;
  Clock::time_point accept_paused_until_{};  // out of descriptors: retry later
  std::optional<Clock::time_point> drain_until_;
};

}  // namespace cib::agent
