// The gateway's HTTP(S) front: Poco's HTTPServer on one address, a bounded thread pool, and
// the caps a public-facing server needs (body size, header count and size, slow clients, a
// connection cap). It reads a request, hands it to the handler and writes the answer; it never
// looks at what the request means.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "gateway/gateway_types.h"

namespace cib::gw {

struct ServerOptions {
  std::string listen = "127.0.0.1:8790";  // HOST:PORT; port 0 lets the system pick
  std::string tls_cert_file;              // both set: HTTPS with this certificate (PEM)
  std::string tls_key_file;
  std::int64_t threads = 32;                 // requests served at once
  std::int64_t max_connections = 512;        // open connections; more are closed at once
  std::int64_t max_body_bytes = 32 << 20;    // a larger body: 413 before it is read
  std::int64_t max_header_count = 100;       // more: 431
  std::int64_t max_header_bytes = 64 << 10;  // request line and headers together; more: 431
  std::int64_t read_timeout_ms = 10000;  // a request's head or body not complete in this: closed
  std::int64_t keep_alive_ms = 15000;    // an idle connection is closed after this
};

// Counters of what the front refused, for the metrics.
struct ServerCounts {
  std::int64_t connections_refused = 0;  // over max_connections
  std::int64_t too_large = 0;            // 413 and 431
  std::int64_t timed_out = 0;            // closed by read_timeout_ms
  std::int64_t client_gone = 0;          // the client left before its answer was written
  std::int64_t in_flight = 0;            // requests being handled now
};

// Called on one of the pool's threads for every request; may throw (the client then gets 500
// with no detail, and the error reaches `log`).
using RequestHandler = std::function<GatewayAnswer(const GatewayRequest&)>;
using ServerLog = std::function<void(const std::string& line)>;

class GatewayServer {
 public:
  // Binds and listens (throws std::runtime_error naming the address, or the certificate file).
  GatewayServer(const ServerOptions& options, RequestHandler handler, ServerLog log);
  ~GatewayServer();  // stop(0)
  GatewayServer(const GatewayServer&) = delete;
  GatewayServer& operator=(const GatewayServer&) = delete;

  void start();
  std::uint16_t port() const;  // the bound port
  std::string scheme() const;  // "http" or "https"

  // Stops accepting, closes idle connections, waits up to drain_ms for the requests in flight
  // to be answered, then closes the rest. Returns how many requests it cut short. A handler
  // still running for a request it cut is waited for before it returns (the client is already
  // closed), so no handler runs once stop() has returned.
  std::int64_t stop(std::int64_t drain_ms);

  ServerCounts counts() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cib::gw
