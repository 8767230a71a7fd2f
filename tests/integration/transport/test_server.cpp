#include "test_server.h"

#include <condition_variable>
#include <mutex>
#include <set>

#include "Poco/Net/Context.h"
#include "Poco/Net/HTTPRequestHandler.h"
#include "Poco/Net/HTTPRequestHandlerFactory.h"
#include "Poco/Net/HTTPServer.h"
#include "Poco/Net/HTTPServerParams.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/Net/HTTPServerRequestImpl.h"
#include "Poco/Net/HTTPServerResponse.h"
#include "Poco/Net/SecureServerSocket.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/StreamCopier.h"
#include "Poco/ThreadPool.h"

namespace cib::test {

struct TestServer::State {
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::vector<std::string> targets;
  std::set<std::string> clients;
  int held = 0;
  bool releasing = false;
};

namespace {

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(std::shared_ptr<TestServer::State> state) : state_(std::move(state)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    const std::string target = request.getURI();
    {
      std::lock_guard<std::mutex> lock(state_->mutex);
      state_->targets.push_back(target);
      state_->clients.insert(request.clientAddress().toString());
    }
    if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_CONNECT) {
      // Acts as a proxy that accepts the tunnel, then goes on speaking plain HTTP.
      response.setContentLength(0);
      response.send();
      return;
    }
    std::string body;
    Poco::StreamCopier::copyToString(request.stream(), body);
    if (target.find("/hold") != std::string::npos) return hold();
    if (target.find("/drop") != std::string::npos) {
      static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket().shutdown();
      return;
    }
    const std::string answer = request.getMethod() + " " + target + "\n" + body;
    response.setContentType("text/plain");
    response.setContentLength(static_cast<std::streamsize>(answer.size()));
    response.send() << answer;
  }

 private:
  void hold() {
    std::unique_lock<std::mutex> lock(state_->mutex);
    ++state_->held;
    state_->changed.notify_all();
    state_->changed.wait(lock, [this] { return state_->releasing; });
  }

  std::shared_ptr<TestServer::State> state_;
};

class HandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(std::shared_ptr<TestServer::State> state) : state_(std::move(state)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& /*request*/) override {
    return new Handler(state_);
  }

 private:
  std::shared_ptr<TestServer::State> state_;
};

Poco::Net::ServerSocket listen(const std::optional<ServerCertificate>& certificate) {
  const Poco::Net::SocketAddress loopback("127.0.0.1", 0);
  if (!certificate) return Poco::Net::ServerSocket(loopback);
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, certificate->key_file,
                             certificate->certificate_file, "", Poco::Net::Context::VERIFY_NONE);
  return Poco::Net::SecureServerSocket(loopback, 64, context);
}

}  // namespace

TestServer::TestServer(std::optional<ServerCertificate> certificate)
    : secure_(certificate.has_value()),
      state_(std::make_shared<State>()),
      threads_(std::make_unique<Poco::ThreadPool>(2, 16)) {
  Poco::Net::ServerSocket socket = listen(certificate);
  port_ = socket.address().port();
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(100);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  server_ = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(state_), *threads_, socket,
                                                    params);
  server_->start();
}

TestServer::~TestServer() {
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->releasing = true;
  }
  state_->changed.notify_all();
  server_->stopAll(true);
  threads_->joinAll();
  server_.reset();
}

std::string TestServer::url(const std::string& path) const {
  return std::string(secure_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<std::string> TestServer::targets() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->targets;
}

std::size_t TestServer::connections() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->clients.size();
}

bool TestServer::wait_for_held_request(std::chrono::milliseconds limit) const {
  std::unique_lock<std::mutex> lock(state_->mutex);
  return state_->changed.wait_for(lock, limit, [this] { return state_->held > 0; });
}

}  // namespace cib::test
