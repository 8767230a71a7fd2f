#include "io_loop.h"

#include <Poco/Net/StreamSocketImpl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace cib::agent {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kFixed = 2;    // polled_[0]: the wake-up pipe; [1]: the listener
constexpr int kChunksPerTurn = 16;   // reads of one connection before the others' turn
constexpr int kAcceptsPerTurn = 64;  // connections accepted before the others' turn
constexpr std::chrono::milliseconds kDescriptorPause{100};  // out of descriptors

int milliseconds_until(Clock::time_point when, Clock::time_point now) {
  if (when <= now) return 0;
  const auto wait = std::chrono::ceil<std::chrono::milliseconds>(when - now).count();
  return static_cast<int>(std::min<long long>(wait, 60 * 1000));
}

}  // namespace

IoLoop::IoLoop(const LineServerOptions& options, UnixListener& listener,
               std::shared_ptr<IoMailbox> mailbox, Admission admit, TooLarge too_large,
               Dispatch dispatch)
    : options_(options),
      listener_(listener),
      mailbox_(std::move(mailbox)),
      admit_(std::move(admit)),
      too_large_(std::move(too_large)),
      dispatch_(std::move(dispatch)) {}

void IoLoop::run() {
  for (;;) {
    const int ready = poll_once();
    const auto now = Clock::now();
    read_mail(now);
    if (ready > 0) {
      for (std::size_t i = kFixed; i < polled_.size(); ++i) {
        if (polled_[i].revents == 0) continue;
        const auto found = open_.find(polled_ids_[i - kFixed]);
        if (found != open_.end()) on_ready(*found->second, polled_[i].revents, now);
      }
      if (listening_ && (polled_[1].revents & POLLIN) != 0) accept_all(now);
    }
    expire(now);
    if (finished(now)) break;
  }
  close_all();
  listener_.close();
}

// Polls the pipe, the listener and each connection for what its phase waits for, until the
// nearest deadline.
int IoLoop::poll_once() {
  const auto now = Clock::now();
  std::optional<Clock::time_point> nearest = drain_until_;
  const auto consider = [&nearest](Clock::time_point when) {
    if (!nearest || when < *nearest) nearest = when;
  };
  const bool accepting = listening_ && accept_paused_until_ <= now;
  if (listening_ && !accepting) consider(accept_paused_until_);
  polled_.assign({{mailbox_->wake_fd(), POLLIN, 0}, {accepting ? listener_.fd() : -1, POLLIN, 0}});
  polled_ids_.clear();
  for (const auto& [id, connection] : open_) {
    short events = 0;
    if (connection->phase == Connection::Phase::reading) events = POLLIN;
    if (connection->phase == Connection::Phase::writing ||
        connection->phase == Connection::Phase::closing) {
      events = POLLOUT;
    }
    // Awaiting: no events, but poll() still reports the peer hanging up.
    if (connection->phase != Connection::Phase::awaiting) consider(connection->deadline);
    polled_.push_back({connection->fd(), events, 0});
    polled_ids_.push_back(id);
  }
  const int timeout = nearest ? milliseconds_until(*nearest, now) : -1;
  const int ready = ::poll(polled_.data(), polled_.size(), timeout);
  return ready < 0 ? 0 : ready;  // EINTR: the next turn polls again
}

bool IoLoop::finished(Clock::time_point now) const {
  return drain_until_ && (open_.empty() || now >= *drain_until_);
}

void IoLoop::read_mail(Clock::time_point now) {
  IoMailbox::Mail mail = mailbox_->take();
  if (mail.stop && !drain_until_) begin_stop(*mail.stop);
  for (const auto& answer : mail.answers) this->answer(answer, now);
}

// Stops accepting and reading: idle connections close now, the others once answered.
void IoLoop::begin_stop(Clock::time_point drain_until) {
  drain_until_ = drain_until;
  listening_ = false;
  listener_.close();
  std::vector<Connection*> idle;
  for (const auto& entry : open_) {
    if (entry.second->phase == Connection::Phase::reading) idle.push_back(entry.second.get());
  }
  for (Connection* connection : idle) close(*connection);
}

void IoLoop::accept_all(Clock::time_point now) {
  for (int i = 0; i < kAcceptsPerTurn; ++i) {
    const int fd = ::accept4(listener_.fd(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      admit(fd, now);
      continue;
    }
    if (errno == EINTR || errno == ECONNABORTED) continue;
    if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
      accept_paused_until_ = now + kDescriptorPause;
    }
    return;
  }
}

// Over max_connections the connection is closed at once; a peer refused gets its line first.
void IoLoop::admit(int fd, Clock::time_point now) {
  Poco::Net::StreamSocket socket(new Poco::Net::StreamSocketImpl(fd));
  if (open_.size() >= options_.max_connections) return;
  std::optional<std::string> refusal;
  Peer peer{};
  try {
    peer = peer_of(fd);
    refusal = admit_(peer);
  } catch (...) {
    return;  // no credentials or a failing admission: nothing is said to such a peer
  }
  const std::uint64_t id = next_id_++;
  auto connection = std::make_unique<Connection>(id, std::move(socket), peer);
  Connection& added = *connection;
  open_.emplace(id, std::move(connection));
  count_.store(open_.size());
  added.deadline = now + options_.read_timeout;
  if (refusal) {
    added.queue(*refusal);
    added.phase = Connection::Phase::closing;
    write_out(added, now);
  }
}

void IoLoop::on_ready(Connection& connection, short events, Clock::time_point now) {
  switch (connection.phase) {
    case Connection::Phase::reading:
      read_lines(connection, now);
      return;
    case Connection::Phase::awaiting:
      if ((events & (POLLHUP | POLLERR)) != 0) close(connection);  // the peer left
      return;
    case Connection::Phase::writing:
    case Connection::Phase::closing:
      write_out(connection, now);
      return;
  }
}

void IoLoop::read_lines(Connection& connection, Clock::time_point now) {
  for (int i = 0; i < kChunksPerTurn; ++i) {
    const bool begun = connection.line_begun();
    const auto io = connection.read_some();
    if (io == Connection::Io::ended) return close(connection);  // mid-line or idle: quietly
    if (io == Connection::Io::would_block) return;
    if (!begun) connection.deadline = now + options_.read_timeout;  // a line begins
    if (serve_buffered(connection, now)) return;
  }
}

// Hands the next buffered line to the handler, or answers a line too large; false when no line
// is complete yet.
bool IoLoop::serve_buffered(Connection& connection, Clock::time_point now) {
  std::string line;
  switch (connection.take_line(options_.max_line_bytes, line)) {
    case Connection::Take::none:
      return false;
    case Connection::Take::too_large:
      connection.queue(too_large_(options_.max_line_bytes));
      connection.phase = Connection::Phase::closing;
      connection.deadline = now + options_.read_timeout;
      write_out(connection, now);
      return true;
    case Connection::Take::line:
      break;
  }
  auto state = std::make_shared<ReplyState>(mailbox_, connection.id());
  connection.pending = state;
  connection.phase = Connection::Phase::awaiting;
  dispatch_(connection.peer(), std::move(line), Reply(std::move(state)));
  return true;
}

void IoLoop::write_out(Connection& connection, Clock::time_point now) {
  const auto io = connection.write_some();
  if (io == Connection::Io::would_block) return;
  if (io == Connection::Io::ended || connection.phase == Connection::Phase::closing ||
      drain_until_) {
    return close(connection);
  }
  connection.phase = Connection::Phase::reading;
  connection.deadline = now + options_.read_timeout;
  serve_buffered(connection, now);  // a pipelined line already read
}

void IoLoop::answer(const IoMailbox::Answer& answer, Clock::time_point now) {
  const auto found = open_.find(answer.connection);
  if (found == open_.end()) return;
  Connection& connection = *found->second;
  if (connection.phase != Connection::Phase::awaiting) return;
  if (!answer.line) return close(connection);
  connection.queue(*answer.line);
  connection.phase = Connection::Phase::writing;
  connection.deadline = now + options_.read_timeout;
  write_out(connection, now);
}

void IoLoop::expire(Clock::time_point now) {
  std::vector<Connection*> late;
  for (const auto& entry : open_) {
    const Connection& connection = *entry.second;
    if (connection.phase != Connection::Phase::awaiting && connection.deadline <= now) {
      late.push_back(entry.second.get());
    }
  }
  for (Connection* connection : late) close(*connection);
}

void IoLoop::close(Connection& connection) {
  if (const auto state = connection.pending.lock()) state->mark_closed();
  open_.erase(connection.id());
  count_.store(open_.size());
}

void IoLoop::close_all() {
  while (!open_.empty()) close(*open_.begin()->second);
}

}  // namespace cib::agent
