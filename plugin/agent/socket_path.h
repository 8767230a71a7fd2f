// Where `cibatch agent` listens, worked out the same way by the agent and by the commands that
// look for it: $CIBATCH_AGENT_SOCKET when set; else the configuration's agent.socket; else
// $XDG_RUNTIME_DIR/cibatch/agent.sock when XDG_RUNTIME_DIR is an absolute path; else
// agent.sock in the spool file's folder.
#pragma once

#include <functional>
#include <string>

namespace cib::agent {

// configured: agent.socket ("" when unset). spool_file: called only when the spool's folder is
// needed; returns the spool file's path (spool.path, or the library's default location).
std::string agent_socket_path(const std::string& configured,
                              const std::function<std::string()>& spool_file);

// The folder of a file's path ("." for a bare name, "/" for one at the root).
std::string folder_of(const std::string& path);

// Whether the environment turns the agent off for commands (CIBATCH_AGENT=off, 0 or no).
bool agent_disabled_by_environment();

}  // namespace cib::agent
