#include "socket_path.h"

#include <cstdlib>

namespace cib::agent {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string agent_socket_path(const std::string& configured,
                              const std::function<std::string()>& spool_file) {
  const std::string forced = environment("CIBATCH_AGENT_SOCKET");
  if (!forced.empty()) return forced;
  if (!configured.empty()) return configured;
  const std::string runtime = environment("XDG_RUNTIME_DIR");
  if (!runtime.empty() && runtime[0] == '/') return runtime + "/cibatch/agent.sock";
  return folder_of(spool_file()) + "/agent.sock";
}

bool agent_disabled_by_environment() {
  const std::string value = environment("CIBATCH_AGENT");
  return value == "off" || value == "0" || value == "no";
}

}  // namespace cib::agent
