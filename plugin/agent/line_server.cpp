#include "line_server.h"

#include <sys/resource.h>

#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

#include "io_loop.h"
#include "io_mailbox.h"
#include "runtime/named_thread.h"
#include "unix_listener.h"
#include "worker_pool.h"

namespace cib::agent {
namespace {

// Descriptors the server needs besides its connections: the listener, the wake-up pipe, and
// what the handler opens (the spool, host connections).
constexpr rlim_t kSpareDescriptors = 256;
constexpr std::size_t kMaxBacklog = 4096;

// Raises the soft limit of open files to the hard one when max_connections needs more.
void make_room_for(std::size_t connections) {
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t needed = static_cast<rlim_t>(connections) + kSpareDescriptors;
  if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed) return;
  struct rlimit raised = limit;
  raised.rlim_cur = limit.rlim_max;
  if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) return;
  raised.rlim_cur = needed;  // a hard limit above what the kernel allows (nr_open)
  ::setrlimit(RLIMIT_NOFILE, &raised);
}

}  // namespace

struct LineServer::Running {
  std::shared_ptr<IoMailbox> mailbox = std::make_shared<IoMailbox>();
  std::unique_ptr<UnixListener> listener;
  std::unique_ptr<WorkerPool> workers;
  std::unique_ptr<IoLoop> loop;
  std::thread io_thread;
  std::mutex stop_mutex;
  bool stopped = false;
};

LineServer::LineServer(LineServerOptions options, Admission admit, Handler handle,
                       std::function<std::string(std::size_t cap)> too_large)
    : options_(std::move(options)),
      admit_(std::move(admit)),
      handle_(std::move(handle)),
      too_large_(std::move(too_large)) {}

LineServer::~LineServer() {
  stop(std::chrono::milliseconds(0));
}

void LineServer::start() {
  if (running_) {
    throw std::runtime_error(options_.socket_path + ": the agent's server runs already");
  }
  make_room_for(options_.max_connections);
  auto running = std::make_unique<Running>();
  const int backlog =
      static_cast<int>(std::min(std::max<std::size_t>(options_.max_connections, 1), kMaxBacklog));
  running->listener = std::make_unique<UnixListener>(options_.socket_path, options_.group, backlog);
  try {
    start_threads(*running);
  } catch (...) {
    running->listener->remove_file();
    throw;
  }
  running_ = std::move(running);
}

// The workers, then the I/O thread that hands them the lines.
void LineServer::start_threads(Running& running) {
  running.workers = std::make_unique<WorkerPool>(options_.workers, "cib-agent-work");
  WorkerPool& workers = *running.workers;
  IoLoop::Dispatch dispatch = [&workers, handle = handle_](const Peer& peer, std::string line,
                                                           Reply reply) {
    workers.submit([handle, peer, line = std::move(line), reply = std::move(reply)]() mutable {
      handle(peer, std::move(line), std::move(reply));
    });
  };
  running.loop = std::make_unique<IoLoop>(options_, *running.listener, running.mailbox, admit_,
                                          too_large_, std::move(dispatch));
  IoLoop& loop = *running.loop;
  running.io_thread = start_named_thread("cib-agent-io", [&loop] { loop.run(); });
}

void LineServer::stop(std::chrono::milliseconds drain) {
  if (!running_) return;
  std::lock_guard<std::mutex> lock(running_->stop_mutex);
  if (running_->stopped) return;
  running_->stopped = true;
  running_->listener->remove_file();
  running_->mailbox->request_stop(std::chrono::steady_clock::now() + drain);
  running_->io_thread.join();
  running_->workers->stop();
}

std::size_t LineServer::connections() const {
  return running_ ? running_->loop->connections() : 0;
}

}  // namespace cib::agent
