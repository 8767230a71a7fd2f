#include "gateway_fixture.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <sys/stat.h>

#include <fstream>
#include <mutex>

namespace cib::test {
namespace {

std::mutex log_mutex;

Settings upstream_for(const ForgeSim& sim, const TempDir& dir, const std::string& token,
                      const std::string& tag) {
  Settings s;
  s.host_kind = HostKind::bitbucket_cloud;
  s.api_url = sim.api_url();
  s.auth_token = token;
  s.budget_path = dir.file("budget-" + tag + ".db");
  s.spool_path = dir.file("spool-" + tag + ".db");
  return s;
}

}  // namespace

std::string ToolAnswer::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (Poco::icompare(key, name) == 0) return value;
  }
  return "";
}

GatewayRig::GatewayRig(ForgeSim& sim, std::vector<ToolSpec> tools,
                       std::vector<GatewayCacheEntry> cache_rules)
    : sim_(sim), log_(std::make_shared<std::string>()) {
  config_.server.listen = "127.0.0.1:0";
  config_.server.threads = 16;
  config_.interactive_wait_ms = 0;
  config_.cache_rules = std::move(cache_rules);
  for (const ToolSpec& tool : tools) {
    const std::string file = dir_.file("tool-" + tool.name + ".token");
    std::ofstream(file) << tool.token << "\n";
    ::chmod(file.c_str(), 0600);
    config_.clients.push_back({tool.name, file, tool.priority, tool.quota_per_hour});
  }
  gw::UpstreamConfig upstream;
  upstream.settings = upstream_for(sim, dir_, kHostToken, "main");
  upstream.mount = gw::default_mount(upstream.settings.api_url);
  config_.upstreams.push_back(upstream);
}

GatewayRig::~GatewayRig() {
  if (gateway_) gateway_->stop();
}

void GatewayRig::add_upstream(const std::string& mount, const std::string& token,
                              const std::string& account) {
  gw::UpstreamConfig upstream;
  upstream.settings = upstream_for(sim_, dir_, token, account);
  upstream.settings.budget_account = account;
  upstream.mount = mount;
  config_.upstreams.push_back(upstream);
}

void GatewayRig::start() {
  auto log = log_;
  gateway_ = std::make_unique<gw::Gateway>(config_, [log](const std::string& line) {
    std::lock_guard<std::mutex> lock(log_mutex);
    *log += line + "\n";
  });
  gateway_->start();
}

std::uint16_t GatewayRig::port() const {
  return gateway_->port();
}

ToolAnswer GatewayRig::send(const std::string& token, const std::string& method,
                            const std::string& target, const std::string& body,
                            const Headers& headers) const {
  Poco::Net::HTTPClientSession session("127.0.0.1", port());
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) request.set("Authorization", "Bearer " + token);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty()) {
    request.setContentType("application/json");
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  ToolAnswer answer;
  answer.status = static_cast<int>(response.getStatus());
  for (const auto& [name, value] : response) answer.headers.emplace_back(name, value);
  Poco::StreamCopier::copyToString(in, answer.body);
  return answer;
}

std::int64_t GatewayRig::host_requests(const std::string& method, const std::string& prefix) const {
  std::int64_t count = 0;
  for (const auto& request : sim_.requests()) {
    const std::string path = request->optValue<std::string>("target", "");
    if (request->optValue<std::string>("method", "") == method &&
        path.compare(0, prefix.size(), prefix) == 0) {
      ++count;
    }
  }
  return count;
}

}  // namespace cib::test
