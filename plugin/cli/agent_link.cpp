#include "agent_link.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "line_client.h"
#include "socket_path.h"

namespace cib::cli {
namespace {

// The library's default spool file, as cib_spool_check reports it ("" when it cannot say).
std::string default_spool_file() {
  try {
    const cibatch::SpoolReport report = cibatch::spool_check();
    Poco::JSON::Parser parser;
    const auto o = parser.parse(report.json).extract<Poco::JSON::Object::Ptr>();
    return o->optValue<std::string>("path", "");
  } catch (const std::exception&) {
    return "";
  }
}

// Connecting to a local socket that nobody serves fails at once; one that hangs is given up.
constexpr std::chrono::milliseconds kConnectTimeout{1000};

}  // namespace

std::string agent_socket_for(const cibatch::Config* conf) {
  const std::string configured = conf != nullptr ? conf->value("agent.socket") : "";
  return agent::agent_socket_path(configured, [conf] {
    const std::string spool = conf != nullptr ? conf->value("spool.path") : "";
    return spool.empty() ? default_spool_file() : spool;
  });
}

agent::Route route_of(const cibatch::Config& conf) {
  return {conf.value("host.kind"), conf.value("host.api_url"), conf.value("budget.account")};
}

std::optional<agent::Answer> ask_agent(const std::string& socket, const std::string& request,
                                       std::chrono::milliseconds answer_timeout) {
  std::string line;
  try {
    agent::LineClient client(socket, kConnectTimeout);
    line = client.request(request, answer_timeout);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return agent::parse_answer(line);
}

}  // namespace cib::cli
