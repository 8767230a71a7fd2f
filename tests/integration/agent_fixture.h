// What the tests of `cibatch agent` share: an identity's configuration in a test's own folder
// (socket, spool, budget and token file there), the agent as a child process started and
// stopped by the test, the `cibatch` command run beside it, and one protocol request sent over
// the socket. Every process runs without the caller's agent settings (CIBATCH_AGENT_SOCKET,
// CIBATCH_AGENT, XDG_RUNTIME_DIR), so that only what a test sets decides where the socket is.
#pragma once

#include <chrono>
#include <csignal>
#include <memory>
#include <string>
#include <vector>

#include "agent_protocol.h"
#include "child_process.h"
#include "forge_sim.h"
#include "temp_dir.h"

namespace cib::test {

// The credential every identity of these tests holds: distinctive, so that a test can assert
// that it appears in nothing the agent or a command printed.
inline constexpr const char* kAgentToken = "agt-tok-5b7e0c2f9d4a61e8";
inline constexpr const char* kRepo = "acme/web";
inline constexpr const char* kCommit = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";

// One identity's YAML; each member is the inside of a flow mapping, added after the keys the
// fixture sets itself.
struct IdentityYaml {
  std::string batching = "linger_ms: 20, terminal_linger_ms: 5";
  std::string shutdown = "timeout_ms: 5000";
  std::string spool;   // e.g. "max_mb: 1"
  std::string agent;   // e.g. "max_message_mb: 1"
  std::string budget;  // e.g. "limit: 0"
};

// A long linger: nothing leaves the agent before a flush (or its shutdown) asks for it.
IdentityYaml held_back();

// Writes DIR/NAME.yml for sim: socket DIR/run/agent.sock, spool DIR/NAME.db, budget
// DIR/budget.db, the token in DIR/token. Returns the file's path.
std::string write_identity(const TempDir& dir, const ForgeSim& sim, const std::string& name = "id",
                           const IdentityYaml& yaml = {});
inline std::string socket_of(const TempDir& dir) {
  return dir.file("run/agent.sock");
}

std::string write_text(const TempDir& dir, const std::string& name, const std::string& text);

// `env -u … VAR=VALUE… cibatch ARGS`: the command line of a process of these tests.
std::vector<std::string> command_line(const std::vector<std::string>& args,
                                      const std::vector<std::string>& env = {});

// Runs `cibatch ARGS` to completion: its exit code, stdout and stderr in output.
int cibatch(const std::vector<std::string>& args, std::string& output,
            const std::vector<std::string>& env = {});

// `cibatch status --config CONFIG --repo R --commit C --key KEY --state STATE [more…]`.
int post_status(const std::string& config, const std::string& key, const std::string& state,
                std::string& output, const std::vector<std::string>& more = {});

// `cibatch flush --config CONFIG --tag TAG [more…]`.
int flush(const std::string& config, const std::string& tag, std::string& output,
          const std::vector<std::string>& more = {});
// `cibatch agent --check --config CONFIG`.
int check(const std::string& config, std::string& output);

// `cibatch agent --config …` running until the test stops it (the destructor: SIGTERM, SIGKILL
// after 5 s). Started with stderr on its stdout pipe; the constructor returns once it printed
// "listening on" (throws when it exits or stays silent for 20 s first).
class RunningAgent {
 public:
  explicit RunningAgent(const std::vector<std::string>& configs,
                        const std::vector<std::string>& more = {});

  pid_t pid() const { return child_->pid(); }
  // Sends sig and waits for the agent to exit; its exit code (128 + signal when killed).
  int stop(int sig);
  // Everything it printed so far (all of it once stopped).
  std::string log() const { return startup_ + child_->output(); }

 private:
  std::unique_ptr<ChildProcess> child_;
  std::string startup_;
};

// A simulator, a folder and an identity for them, and (unless start is false) an agent serving
// it; the members go in reverse order, the agent first.
struct Served {
  explicit Served(const IdentityYaml& yaml = {}, bool start = true);
  // A new agent for the same identity, e.g. after the last one was stopped.
  void start_agent(const std::vector<std::string>& more = {});
  std::string socket() const { return socket_of(dir); }

  ForgeSim sim;
  TempDir dir;
  std::string config;
  std::unique_ptr<RunningAgent> agent;
};

// One request line over the socket and the agent's answer decoded.
agent::Answer ask(const std::string& socket, const std::string& line,
                  std::chrono::milliseconds timeout = std::chrono::seconds(30));

// A post request of one status (tag, key) as a command would send it, without a route.
std::string status_request(std::uint64_t tag, const std::string& key, const std::string& state);

// The simulator's state at path (e.g. {"reports", kRepo, kCommit, "eslint"}); null when absent.
Poco::JSON::Object::Ptr held(const ForgeSim& sim, const std::vector<std::string>& path);

// The status the simulator holds for kRepo@kCommit KEY ("" when none).
std::string held_state(const ForgeSim& sim, const std::string& key,
                       const std::string& commit = kCommit);
std::size_t statuses_held(const ForgeSim& sim, const std::string& commit = kCommit);

bool contains(const std::string& text, const std::string& part);

}  // namespace cib::test
