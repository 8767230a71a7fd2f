// What other threads tell the agent's I/O thread: the replies sent (or dropped) for its
// connections, and when to stop. A pipe wakes the I/O thread out of poll().
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace cib::agent {

class IoMailbox {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  // A connection's answer: a line to write, or nullopt to close the connection.
  struct Answer {
    std::uint64_t connection;
    std::optional<std::string> line;
  };
  struct Mail {
    std::vector<Answer> answers;
    std::optional<TimePoint> stop;  // stop requested: drain until then
  };

  IoMailbox();  // throws std::runtime_error when no pipe can be made
  ~IoMailbox();
  IoMailbox(const IoMailbox&) = delete;
  IoMailbox& operator=(const IoMailbox&) = delete;

  // The descriptor the I/O thread polls for reading.
  int wake_fd() const { return read_fd_; }
  // Any thread.
  void post(Answer answer) noexcept;
  void request_stop(TimePoint drain_until) noexcept;
  // The I/O thread: what was posted since the last call; empties the pipe.
  Mail take();

 private:
  void wake() noexcept;

  std::mutex mutex_;
  Mail mail_;
  int read_fd_ = -1;
  int write_fd_ = -1;
};

// The state the copies of one Reply share (see line_server.h). The last copy to go posts a
// drop unless a line was sent.
class ReplyState {
 public:
  using Sink = std::function<void(std::optional<std::string> line)>;
  ReplyState(std::weak_ptr<IoMailbox> mailbox, std::uint64_t connection)
      : mailbox_(std::move(mailbox)), connection_(connection) {}
  explicit ReplyState(Sink sink) : connection_(0), sink_(std::move(sink)) {}
  ~ReplyState();
  ReplyState(const ReplyState&) = delete;
  ReplyState& operator=(const ReplyState&) = delete;

  void send(std::string line) noexcept;
  bool closed() const noexcept { return closed_.load(); }
  // The I/O thread, when the connection goes away.
  void mark_closed() noexcept { closed_.store(true); }

 private:
  void answer(std::optional<std::string> line) noexcept;

  std::weak_ptr<IoMailbox> mailbox_;
  std::uint64_t connection_;
  Sink sink_;  // instead of the mailbox (Reply::to)
  std::atomic<bool> answered_{false};
  std::atomic<bool> closed_{false};
};

}  // namespace cib::agent
