// The agent's transport: newline-delimited request lines on a Unix domain socket, each answered
// by one reply line. One I/O thread multiplexes accepting and reading every connection (a
// thousand idle connections cost file descriptors, not threads); a complete line goes to a pool
// of worker threads that run the Handler. The server knows nothing of what the lines mean.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace cib::agent {

// Who is at the other end of a connection, as the kernel reports it (SO_PEERCRED).
struct Peer {
  uid_t uid;
  gid_t gid;
  pid_t pid;
};

struct LineServerOptions {
  std::string socket_path;
  std::string group;  // "": socket 0600, folder 0700; else 0660 / 0770 and that group
  std::size_t max_connections = 1024;
  std::size_t max_line_bytes = 128u << 20;
  // A begun line must end within it; an idle connection is closed after it; a reply the peer
  // does not read within it closes the connection.
  std::chrono::milliseconds read_timeout{10000};
  std::size_t workers = 4;  // threads that run the handler
};

class ReplyState;

// The answer to one request line. Copies share one answer. send() takes effect once (later
// calls do nothing), from any thread, at any time, also after the handler returned or the
// server stopped: it appends '\n', has the I/O thread write the line, and lets the connection
// read its next line. When the last copy is destroyed without send(), the connection is closed.
// closed() tells whether the connection is gone (peer left, timed out, or the server stopped),
// so that a waiter may drop the reply.
class Reply {
 public:
  explicit Reply(std::shared_ptr<ReplyState> state) : state_(std::move(state)) {}
  // A reply that hands its line, or nullopt when dropped, to `sink` instead of a connection (a
  // handler tested without a socket); `sink` runs on the thread that sends or drops it and
  // should not throw. closed() stays false.
  static Reply to(std::function<void(std::optional<std::string> line)> sink);
  void send(std::string line) noexcept;
  bool closed() const noexcept;

 private:
  std::shared_ptr<ReplyState> state_;
};

// Runs on a worker thread, one call per request line (without its '\n'; never empty). It may
// keep `reply` and answer later from another thread. An exception it throws drops the reply.
using Handler = std::function<void(const Peer& peer, std::string line, Reply reply)>;
// Runs on the I/O thread for each new connection, so it must be quick: nullopt admits the peer;
// a string is a line written to it before the connection is closed.
using Admission = std::function<std::optional<std::string>(const Peer& peer)>;

class LineServer {
 public:
  // `too_large(cap)` makes the line written (then the connection closed) when a request line
  // exceeds options.max_line_bytes.
  LineServer(LineServerOptions options, Admission admit, Handler handle,
             std::function<std::string(std::size_t cap)> too_large);
  ~LineServer();  // stop(0)
  LineServer(const LineServer&) = delete;
  LineServer& operator=(const LineServer&) = delete;

  // Creates the socket's folder when missing (0700 / 0770), binds, listens, starts the threads.
  // Throws std::runtime_error naming the path when another process answers on it ("an agent
  // already listens on PATH"), when the path exists and is not a socket (never removed), or
  // when it cannot be bound. A stale socket file (nothing answers) is replaced. Once only.
  void start();
  // Stops accepting and removes the socket file at once; closes idle connections; waits at most
  // `drain` for the handlers running and the replies pending to be sent and written; then
  // closes every connection and joins the threads (a handler still running is waited for).
  // Idempotent; call it from any thread but a worker.
  void stop(std::chrono::milliseconds drain);
  // The connections open now (admitted ones and those being refused).
  std::size_t connections() const;

 private:
  struct Running;
  void start_threads(Running& running);

  LineServerOptions options_;
  Admission admit_;
  Handler handle_;
  std::function<std::string(std::size_t)> too_large_;
  std::unique_ptr<Running> running_;
};

// The uid/gid/pid of the peer of a connected Unix socket (SO_PEERCRED). Throws
// std::runtime_error when the socket has none.
Peer peer_of(int fd);

// Whether the peer may use an agent running as this process's effective uid, shared with
// `group` (a group name, or "" for none): its own uid always; another uid only when `group` is
// set and is the peer's primary group or one of its supplementary groups.
bool peer_allowed(const Peer& peer, const std::string& group);

}  // namespace cib::agent
