// The Poco HTTP(S) server: a thread pool, keep-alive, and the split between the simulated API
// and the simulator's own /_sim/ endpoints.
#pragma once

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <memory>

#include "sim_context.h"

namespace cib::sim {

class SimServer {
 public:
  // `socket` is already bound (and, in TLS mode, a SecureServerSocket).
  SimServer(SimContext& context, const Poco::Net::ServerSocket& socket);
  ~SimServer();

  SimServer(const SimServer&) = delete;
  SimServer& operator=(const SimServer&) = delete;

  void start();
  // Stops accepting and aborts open connections, so an idle keep-alive client cannot delay exit.
  void stop();

 private:
  Poco::ThreadPool pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace cib::sim
