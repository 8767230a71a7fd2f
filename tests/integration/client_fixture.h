// A simulator and the YAML that points a client at it.
#pragma once

#include <string>

#include "forge_sim.h"

namespace cib::test {

// Lingers that no scheduling delay can reach: only a flush sends.
inline const std::string kFlushOnly = "{ linger_ms: 600000, terminal_linger_ms: 600000 }";

inline std::string client_yaml(
    const ForgeSim& sim, const std::string& extra = "",
    const std::string& token = "integration-token",
    const std::string& batching = "{ linger_ms: 300, terminal_linger_ms: 50 }") {
  return "cibatch:\n"
         "  host:\n"
         "    kind: bitbucket-cloud\n"
         "    api_url: " +
         sim.api_url() +
         "\n"
         "    auth: { type: bearer, token: \"" +
         token +
         "\" }\n"
         "  batching: " +
         batching +
         "\n"
         "  transport: { retry_base_ms: 20, retry_max_ms: 500 }\n" +
         // A test that does not name a spool gets none, so tests never share one.
         (extra.find("spool:") == std::string::npos ? "  spool: { sync: off }\n" : "") + extra;
}

// `yaml` (from client_yaml) for another host kind than Bitbucket Cloud.
inline std::string with_host_kind(std::string yaml, const std::string& kind) {
  const std::string cloud = "kind: bitbucket-cloud";
  return yaml.replace(yaml.find(cloud), cloud.size(), "kind: " + kind);
}

inline const std::string kRepo = "acme/web";
inline const std::string kCommit = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";

}  // namespace cib::test
