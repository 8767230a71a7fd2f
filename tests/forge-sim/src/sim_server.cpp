#include "sim_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>

#include "api_service.h"
#include "control_api.h"

namespace cib::sim {
namespace {

class SimRequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit SimRequestHandler(SimContext& context) : context_(context) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    if (request.getURI().rfind(kControlPrefix, 0) == 0) {
      serve_control_request(context_, request, response);
    } else {
      serve_api_request(context_, request, response);
    }
  }

 private:
  SimContext& context_;
};

class SimHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit SimHandlerFactory(SimContext& context) : context_(context) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new SimRequestHandler(context_);
  }

 private:
  SimContext& context_;
};

}  // namespace

SimServer::SimServer(SimContext& context, const Poco::Net::ServerSocket& socket) : pool_(2, 64) {
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(0);  // unlimited, like the host's load balancer in practice
  params->setKeepAliveTimeout(Poco::Timespan(30, 0));
  params->setMaxThreads(64);
  params->setMaxQueued(256);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new SimHandlerFactory(context), pool_, socket,
                                                    params);
}

SimServer::~SimServer() {
  stop();
}

void SimServer::start() {
  server_->start();
}

void SimServer::stop() {
  if (server_) {
    server_->stopAll(true);
    server_.reset();
  }
  pool_.joinAll();
}

}  // namespace cib::sim
