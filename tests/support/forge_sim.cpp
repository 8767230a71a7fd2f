#include "forge_sim.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/NumberParser.h>
#include <Poco/StreamCopier.h>

#include <mutex>
#include <sstream>
#include <stdexcept>

namespace cib::test {
namespace {

constexpr const char* kListeningPrefix = "forge-sim listening on 127.0.0.1:";

// OpenSSL and Poco's SSL singletons are started once and never torn down (see
// plugin/runtime/library_start.h).
void start_ssl_once() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
}

std::vector<std::string> command_line(const ForgeSimOptions& options) {
  std::vector<std::string> argv{CIB_FORGE_SIM_PATH};
  auto add = [&argv](const std::string& name, const std::string& value) {
    argv.push_back(name);
    argv.push_back(value);
  };
  if (!options.host.empty()) add("--host", options.host);
  if (options.tls) {
    argv.push_back("--tls");
    add("--cert", options.cert_file);
    add("--key", options.key_file);
  }
  if (options.rate_limit > 0) {
    add("--rate-limit", std::to_string(options.rate_limit));
    add("--rate-window-s", std::to_string(options.rate_window_s));
  }
  if (!options.retry_after) argv.push_back("--no-retry-after");
  if (!options.report_put.empty()) add("--report-put", options.report_put);
  if (!options.faults.empty()) add("--faults", options.faults);
  if (!options.require_token.empty()) add("--require-token", options.require_token);
  if (!options.log_file.empty()) add("--log", options.log_file);
  if (!options.state_out.empty()) add("--state-out", options.state_out);
  argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
  return argv;
}

Poco::JSON::Object::Ptr parse_object(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace

ForgeSim::ForgeSim(ForgeSimOptions options) : options_(std::move(options)) {
  if (options_.tls) start_ssl_once();
  child_ = std::make_unique<ChildProcess>(command_line(options_));
  const std::string line = child_->read_line(std::chrono::seconds(10));
  unsigned port = 0;
  if (line.rfind(kListeningPrefix, 0) != 0 ||
      !Poco::NumberParser::tryParseUnsigned(line.substr(std::string(kListeningPrefix).size()),
                                            port) ||
      port == 0 || port > 65535) {
    throw std::runtime_error("forge-sim did not report its port; it said: " + line);
  }
  port_ = static_cast<std::uint16_t>(port);
}

ForgeSim::~ForgeSim() {
  if (child_) child_->terminate(std::chrono::seconds(5));
}

std::string ForgeSim::origin() const {
  return std::string(options_.tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

std::string ForgeSim::api_url() const {
  if (options_.host == "gitlab") return origin() + "/api/v4";
  // Data Center's paths start at the server's base URL (/rest/...), GitHub's at the API's root.
  if (options_.host == "bitbucket-dc" || options_.host == "github") return origin();
  return origin() + "/2.0";
}

std::string ForgeSim::control(const std::string& method, const std::string& path,
                              const std::string& body, const std::string& authorization) const {
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  if (options_.tls) {
    const auto mode = options_.ca_file.empty() ? Poco::Net::Context::VERIFY_NONE
                                               : Poco::Net::Context::VERIFY_STRICT;
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                             "", options_.ca_file, mode, 9, false);
    session = std::make_unique<Poco::Net::HTTPSClientSession>("127.0.0.1", port_, context);
  } else {
    session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port_);
  }
  session->setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  if (!body.empty()) request.setContentType("text/plain");
  if (!authorization.empty()) request.set("Authorization", authorization);
  session->sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::string answer;
  Poco::StreamCopier::copyToString(session->receiveResponse(response), answer);
  if (response.getStatus() < 200 || response.getStatus() >= 300) {
    throw std::runtime_error("forge-sim " + method + " " + path + ": " +
                             std::to_string(response.getStatus()) + " " + answer);
  }
  return answer;
}

Poco::JSON::Object::Ptr ForgeSim::state() const {
  return parse_object(control("GET", "/_sim/state"));
}

Poco::JSON::Object::Ptr ForgeSim::stats() const {
  return parse_object(control("GET", "/_sim/stats"));
}

std::vector<Poco::JSON::Object::Ptr> ForgeSim::requests() const {
  std::vector<Poco::JSON::Object::Ptr> lines;
  std::istringstream in(control("GET", "/_sim/requests"));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(parse_object(line));
  }
  return lines;
}

void ForgeSim::set_faults(const std::string& spec) {
  control("POST", "/_sim/faults", spec);
}

void ForgeSim::reset() {
  control("POST", "/_sim/reset");
}

int ForgeSim::stop() {
  return child_->terminate(std::chrono::seconds(5));
}

}  // namespace cib::test
