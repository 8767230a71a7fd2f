// The gateway's HTTP(S) front (see gateway_server.h): Poco's TCPServer with our own
// connections (gateway_connection.h), a connection cap as its filter, and the watchdog table.
#include "gateway/gateway_server.h"

#include <Poco/Exception.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <system_error>

#include "gateway/gateway_connection.h"
#include "gateway/server_tls.h"
#include "runtime/sigpipe_block.h"

namespace cib::gw {
namespace {

constexpr int kListenBacklog = 128;
constexpr int kMinPoolThreads = 2;
constexpr int kMicrosPerMilli = 1000;
// A dispatcher thread with nothing to do returns to the pool after this; stop() waits for them,
// since Poco wakes only one of them when the server stops.
constexpr int kDispatcherIdleMs = 200;

Poco::Timespan millis(std::int64_t ms) {
  return Poco::Timespan(ms * kMicrosPerMilli);
}

void require_positive(std::int64_t value, const char* name) {
  if (value <= 0) {
    throw std::runtime_error(std::string("cibatch gateway: ") + name + " must be positive, not " +
                             std::to_string(value));
  }
}

void check(const ServerOptions& options) {
  require_positive(options.threads, "threads");
  require_positive(options.max_connections, "max_connections");
  require_positive(options.max_body_bytes, "max_body_bytes");
  require_positive(options.max_header_count, "max_header_count");
  require_positive(options.max_header_bytes, "max_header_bytes");
  require_positive(options.read_timeout_ms, "read_timeout_ms");
  require_positive(options.keep_alive_ms, "keep_alive_ms");
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    throw std::runtime_error(
        "cibatch gateway: TLS needs both a certificate file and a key file, or neither");
  }
}

void configure(Poco::Net::HTTPServerParams& params, const ServerOptions& options) {
  const int threads = static_cast<int>(options.threads);
  params.setMaxThreads(threads);
  // Every connection the cap lets in waits in Poco's queue for a thread rather than being
  // dropped there, so the cap alone decides (and counts) refusals.
  params.setMaxQueued(static_cast<int>(std::max(options.max_connections, options.threads)));
  params.setThreadIdleTime(millis(kDispatcherIdleMs));
  params.setTimeout(millis(options.read_timeout_ms));  // per read, and the first byte's wait
  params.setKeepAlive(true);
  params.setKeepAliveTimeout(millis(options.keep_alive_ms));
  params.setMaxKeepAliveRequests(0);  // no limit
}

Poco::Net::ServerSocket listen_on(const ServerOptions& options) {
  Poco::Net::SocketAddress address;
  try {
    address = Poco::Net::SocketAddress(options.listen);
  } catch (const Poco::Exception& error) {
    throw std::runtime_error("cibatch gateway: cannot listen on " + options.listen + ": " +
                             error.displayText());
  }
  // The certificate is loaded before binding, so a bad file is reported as such.
  Poco::Net::ServerSocket socket = options.tls_cert_file.empty()
                                       ? Poco::Net::ServerSocket()
                                       : Poco::Net::SecureServerSocket(make_server_context(
                                             options.tls_cert_file, options.tls_key_file));
  try {
    socket.bind(address, true);
    socket.listen(kListenBacklog);
  } catch (const Poco::Exception& error) {
    throw std::runtime_error("cibatch gateway: cannot listen on " + options.listen + ": " +
                             error.displayText());
  }
  return socket;
}

}  // namespace

class GatewayServer::Impl {
 public:
  Impl(const ServerOptions& options, RequestHandler handler, ServerLog log)
      : front_(std::make_shared<FrontState>(options, std::move(handler), std::move(log),
                                            !options.tls_cert_file.empty())),
        socket_(listen_on(options)),
        port_(socket_.address().port()) {
    configure(*front_->params, options);
  }

  void start();
  std::int64_t stop(std::int64_t drain_ms);

  std::shared_ptr<FrontState> front_;
  Poco::Net::ServerSocket socket_;
  const std::uint16_t port_;  // kept: the socket is closed by stop()
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::TCPServer> server_;
  std::mutex mutex_;
  bool stopped_ = false;
};

void GatewayServer::Impl::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (server_ || stopped_) return;
  const SigpipeBlock block;
  const int threads = static_cast<int>(front_->options.threads);
  pool_ = std::make_unique<Poco::ThreadPool>(std::min(kMinPoolThreads, threads), threads);
  server_ = std::make_unique<Poco::Net::TCPServer>(new GatewayConnectionFactory(front_), *pool_,
                                                   socket_, front_->params);
  server_->setConnectionFilter(new ConnectionCap(front_));
  Poco::Net::TCPServer* server = server_.get();
  front_->table.start_watchdog([server] { return std::int64_t{server->queuedConnections()}; });
  server_->start();
}

std::int64_t GatewayServer::Impl::stop(std::int64_t drain_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopped_) return 0;
  stopped_ = true;
  if (!server_) {
    socket_.close();
    return 0;
  }
  server_->stop();  // no more accepts; connections still queued are closed
  socket_.close();
  const std::int64_t cut =
      front_->table.drain(std::chrono::milliseconds(std::max<std::int64_t>(drain_ms, 0)));
  pool_->joinAll();  // a handler still running on a cut connection is waited for
  front_->table.stop_watchdog();
  return cut;
}

GatewayServer::GatewayServer(const ServerOptions& options, RequestHandler handler, ServerLog log) {
  check(options);
  impl_ = std::make_unique<Impl>(options, std::move(handler), std::move(log));
}

GatewayServer::~GatewayServer() {
  try {
    impl_->stop(0);
  } catch (...) {
    // A destructor does not throw; the sockets close with the objects.
  }
}

void GatewayServer::start() {
  impl_->start();
}

std::uint16_t GatewayServer::port() const {
  return impl_->port_;
}

std::string GatewayServer::scheme() const {
  return impl_->front_->secure ? "https" : "http";
}

std::int64_t GatewayServer::stop(std::int64_t drain_ms) {
  return impl_->stop(drain_ms);
}

ServerCounts GatewayServer::counts() const {
  const FrontState& front = *impl_->front_;
  ServerCounts counts;
  counts.connections_refused = front.refused.load();
  counts.too_large = front.too_large.load();
  counts.timed_out = front.table.timed_out();
  counts.client_gone = front.client_gone.load();
  counts.in_flight = front.table.in_flight();
  return counts;
}

}  // namespace cib::gw
