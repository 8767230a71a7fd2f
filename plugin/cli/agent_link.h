// The commands' way to `cibatch agent`: where it listens for a configuration, the route that
// names the configuration's identity, and one request answered.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "agent_protocol.h"
#include "cibatch.hpp"

namespace cib::cli {

// The socket for conf (agent.socket, the spool's folder), or for no configuration (nullptr):
// $CIBATCH_AGENT_SOCKET, $XDG_RUNTIME_DIR, the default spool's folder.
std::string agent_socket_for(const cibatch::Config* conf);

// host.kind, the effective host.api_url and budget.account of conf.
agent::Route route_of(const cibatch::Config& conf);

// Sends one request line and reads the answer. nullopt when no agent answers at socket (no
// socket file, nobody listening, or no answer within the timeouts: the command then posts
// itself). A line that is not an answer is a ProtocolError.
std::optional<agent::Answer> ask_agent(const std::string& socket, const std::string& request,
                                       std::chrono::milliseconds answer_timeout);

}  // namespace cib::cli
