// The posting commands and `cibatch flush` through a running agent: the request built from the
// command line, the answer printed the way the command prints its own deliveries. Each returns
// the exit status, or nullopt when no agent serves the command (none answers, it is stopping,
// it does not post to this configuration's host, or it is turned off), and the command then
// does the work itself, as it does without an agent.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "cibatch.hpp"
#include "cli_options.h"

namespace cib::cli {

struct AgentPost {
  std::function<std::string()> post_json;  // op_json.h; called only when an agent may take it
  std::string server_url, dashboard_url;
};

// conf: the command's --config and --set, loaded once by the caller (nullptr: no --config).
std::optional<int> post_via_agent(const ParsedArgs& a, const cibatch::Config* conf,
                                  const AgentPost& post, std::int32_t timeout_ms);
std::optional<int> flush_via_agent(const ParsedArgs& a, const cibatch::Config* conf,
                                   std::int32_t timeout_ms);

}  // namespace cib::cli
