// Several `cibatch replay` processes run side by side against one simulator, each with its own
// trace and configuration, as CI agents sharing one account do. The fleet reads every child's
// output while they run (a full pipe would stall a child), and its destructor ends any child
// still running, so a failing test leaves no process behind.
#pragma once

#include <Poco/JSON/Object.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "child_process.h"
#include "forge_sim.h"

namespace cib::test {

// The `cibatch` command built with the tests.
std::string cibatch_path();

struct AgentConfig {
  // One account: every agent of a test uses the same credential (never printed).
  std::string token = "budget-shared-account";
  std::string spool_path;   // the agent's own spool
  std::string budget_path;  // the machine's budget file, shared by the agents of one machine
  std::string shared;       // budget.shared (redis://…); empty: this machine only
  std::int64_t limit = 40;
  std::int64_t window_s = 20;
  std::int64_t reserve = 4;
  std::int64_t linger_ms = 300;
  std::int64_t terminal_linger_ms = 50;
  std::int64_t max_delay_ms = 2000;
};

// The `cibatch:` YAML of one agent of sim.
std::string agent_yaml(const ForgeSim& sim, const AgentConfig& config);

struct ReplayOutcome {
  std::string name;
  int exit_code = -1;               // 128 + signal when a signal ended it
  Poco::JSON::Object::Ptr summary;  // the replay's last JSON line; null when it printed none
  std::string output;               // stdout and stderr, for messages

  // A counter of the summary line; -1 when there is no summary.
  long long count(const std::string& key) const;
};

class ReplayFleet {
 public:
  ReplayFleet() = default;
  ReplayFleet(const ReplayFleet&) = delete;
  ReplayFleet& operator=(const ReplayFleet&) = delete;

  // Starts `cibatch replay TRACE --config CONFIG [OPTIONS]` as agent `name`.
  void start(const std::string& name, const std::string& trace, const std::string& config,
             const std::vector<std::string>& options = {});

  // Reads the children's output for about `span`; true once every child has closed it.
  bool pump(std::chrono::milliseconds span);

  // Pumps until every child has finished, reaps them and returns their outcomes in start order.
  // Throws std::runtime_error when `timeout` passes first (the destructor then ends them).
  std::vector<ReplayOutcome> finish(std::chrono::milliseconds timeout);

 private:
  struct Agent {
    std::string name;
    std::unique_ptr<ChildProcess> child;
    bool closed = false;
  };
  std::vector<Agent> agents_;
};

// The sum of one summary counter over every outcome (a missing summary adds nothing).
long long total(const std::vector<ReplayOutcome>& outcomes, const std::string& key);

}  // namespace cib::test
