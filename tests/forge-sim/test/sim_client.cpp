#include "sim_client.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

namespace cib::test {

Poco::JSON::Object::Ptr Reply::json() const {
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr Reply::json_array() const {
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Array::Ptr>();
}

std::string Reply::sonar_error() const {
  return json()->getArray("errors")->getObject(0)->getValue<std::string>("msg");
}

SimClient::SimClient(std::string origin, std::string authorization,
                     Poco::Net::Context::Ptr tls_context)
    : origin_(std::move(origin)),
      authorization_(std::move(authorization)),
      tls_context_(std::move(tls_context)) {}

Reply SimClient::send(const std::string& method, const std::string& target, const std::string& body,
                      const std::string& content_type) {
  const std::string path =
      target.rfind(origin_, 0) == 0 ? target.substr(origin_.size()) : "/2.0" + target;
  if (!session_) {
    const Poco::URI origin(origin_);
    if (tls_context_) {
      session_ = std::make_unique<Poco::Net::HTTPSClientSession>(origin.getHost(), origin.getPort(),
                                                                 tls_context_);
    } else {
      session_ = std::make_unique<Poco::Net::HTTPClientSession>(origin.getHost(), origin.getPort());
    }
    session_->setKeepAlive(true);
    session_->setTimeout(Poco::Timespan(10, 0));
  }
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!authorization_.empty()) request.set("Authorization", authorization_);
  for (const auto& [name, value] : headers_) request.set(name, value);
  if (!body.empty()) request.setContentType(content_type);
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  Reply reply;
  try {
    session_->sendRequest(request) << body;
    std::istream& in = session_->receiveResponse(reply.response);
    Poco::StreamCopier::copyToString(in, reply.body);
  } catch (...) {
    session_.reset();  // a dropped connection is not reused
    throw;
  }
  reply.status = static_cast<int>(reply.response.getStatus());
  return reply;
}

std::string status_body(const std::string& key, const std::string& state) {
  return R"({"key":")" + key + R"(","state":")" + state + R"("})";
}

ForgeSim sim_with_faults(const std::string& faults) {
  ForgeSimOptions options;
  options.faults = faults;
  return ForgeSim(options);
}

bool has_status(const ForgeSim& sim, const std::string& key) {
  const auto statuses = sim.state()->getObject("statuses");
  if (!statuses->has("acme/web")) return false;
  return statuses->getObject("acme/web")->getObject("abc123")->has(key);
}

}  // namespace cib::test
