// One client connection of the front: Poco's HTTP codec (HTTPServerSession, HTTPRequest,
// HTTPResponse and their streams) driven by a loop of our own instead of HTTPServerConnection's,
// so that the caps answer 413 and 431 themselves, a slow request is under the watchdog, and a
// handler's answer is written with the framing the front decides.
#pragma once

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "gateway/connection_table.h"
#include "gateway/gateway_server.h"

namespace cib::gw {

// What the connections of one front share with it.
struct FrontState {
  FrontState(const ServerOptions& front_options, RequestHandler front_handler, ServerLog front_log,
             bool front_secure);

  const ServerOptions options;
  const RequestHandler handler;
  const ServerLog log;
  const bool secure;
  Poco::Net::HTTPServerParams::Ptr params;
  ConnectionTable table;
  std::atomic<std::int64_t> open{0};  // accepted and not yet closed
  std::atomic<std::int64_t> refused{0};
  std::atomic<std::int64_t> too_large{0};
  std::atomic<std::int64_t> client_gone{0};

  void say(const std::string& line) const;
};

class GatewayConnection : public Poco::Net::TCPServerConnection {
 public:
  GatewayConnection(const Poco::Net::StreamSocket& socket, std::shared_ptr<FrontState> front);
  ~GatewayConnection() override;
  void run() override;

 private:
  bool serve_one(Poco::Net::HTTPServerSession& session);
  bool read_head(Poco::Net::HTTPServerSession& session, Poco::Net::HTTPRequest& request);
  bool read_body(Poco::Net::HTTPServerSession& session, const Poco::Net::HTTPRequest& request,
                 std::string& body);
  bool answer(Poco::Net::HTTPServerSession& session, const Poco::Net::HTTPRequest& request,
              std::string body);
  GatewayAnswer call_handler(const Poco::Net::HTTPRequest& request, std::string body);
  bool write_answer(Poco::Net::HTTPServerSession& session, const Poco::Net::HTTPRequest& request,
                    const GatewayAnswer& answer, bool keep_alive);
  void refuse(Poco::Net::HTTPServerSession& session, int status, const std::string& message);
  void linger();
  bool lost(Poco::Net::HTTPServerSession& session);  // false; counts a read timeout
  std::string peer();

  std::shared_ptr<FrontState> front_;
};

class GatewayConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  explicit GatewayConnectionFactory(std::shared_ptr<FrontState> front);
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

 private:
  std::shared_ptr<FrontState> front_;
};

// Closes a connection at once when max_connections are open.
class ConnectionCap : public Poco::Net::TCPServerConnectionFilter {
 public:
  explicit ConnectionCap(std::shared_ptr<FrontState> front);
  bool accept(const Poco::Net::StreamSocket& socket) override;

 private:
  std::shared_ptr<FrontState> front_;
};

}  // namespace cib::gw
