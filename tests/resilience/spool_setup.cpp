#include "spool_setup.h"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "child_process.h"

namespace cib::test {

std::string cibatch_path() {
  return CIB_CLI_PATH;
}

std::string trace_path(const std::string& name) {
  return std::string(CIB_SOURCE_DIR) + "/tests/traces/" + name;
}

std::string spool_yaml(const ForgeSim& sim, const SpoolConfig& config) {
  std::ostringstream yaml;
  yaml << "cibatch:\n"
       << "  host:\n"
       << "    kind: bitbucket-cloud\n"
       << "    api_url: " << sim.api_url() << "\n"
       << "    auth: { type: bearer, token: \"" << config.token << "\" }\n"
       << "  batching: { linger_ms: " << config.linger_ms
       << ", terminal_linger_ms: " << config.terminal_linger_ms
       << ", max_delay_ms: " << config.max_delay_ms << " }\n"
       << "  dedup: { trust_s: " << config.dedup_trust_s << " }\n"
       << "  transport: { retry_base_ms: 20, retry_max_ms: 500 }\n"
       << "  shutdown: { timeout_ms: 30000 }\n"
       << "  spool:\n"
       << "    path: \"" << config.spool_path << "\"\n"
       << "    sync: " << config.sync << "\n"
       << "    lease_ms: " << config.lease_ms << "\n";
  return yaml.str();
}

std::string write_spool_config(const std::string& path, const ForgeSim& sim,
                               const SpoolConfig& config) {
  std::ofstream out(path);
  out << spool_yaml(sim, config);
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
  return path;
}

int run_drain(const std::string& config_path, std::int64_t timeout_ms, std::string& output) {
  return run_command({cibatch_path(), "drain", "--config", config_path, "--timeout-ms",
                      std::to_string(timeout_ms)},
                     output);
}

}  // namespace cib::test
