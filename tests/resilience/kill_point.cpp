#include "kill_point.h"

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "child_process.h"
#include "forge_sim.h"
#include "spool_setup.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

using Clock = std::chrono::steady_clock;
using Poco::JSON::Object;

// A read the test makes right after the kill, in the same log as the API requests: a request
// numbered before it but logged after it was still being served when the child died.
constexpr const char* kProbeTarget = "/2.0/repositories/kill-probe/none/commit/0/statuses";

constexpr auto kLineTimeout = std::chrono::seconds(30);
constexpr std::int64_t kDrainTimeoutMs = 30000;
constexpr auto kSettleTimeout = std::chrono::seconds(5);

// Reads the child's output until its kill_after-th "returned" line, then kills it at once.
void run_until_kill(ChildProcess& child, const KillPlan& plan, KillOutcome& out) {
  const std::string prefix = "returned ";
  try {
    while (true) {
      const std::string line = child.read_line(kLineTimeout);
      if (line.rfind(prefix, 0) != 0) {
        out.replay_output += line + "\n";
        continue;
      }
      out.returned_lines.push_back(std::stoul(line.substr(prefix.size())));
      if (out.returned_lines.size() == plan.kill_after) {
        ::kill(child.pid(), SIGKILL);
        out.killed = true;
        break;
      }
    }
  } catch (const std::runtime_error& e) {
    out.replay_output += std::string("(") + e.what() + ")\n";  // it ended by itself
  }
  child.wait();
  out.replay_output += child.output();
}

long seq_of(const Object::Ptr& entry) {
  return entry->optValue<long>("seq", 0);
}

bool is_probe(const Object::Ptr& entry) {
  const std::string target = entry->optValue<std::string>("target", "");
  return target.rfind(kProbeTarget, 0) == 0;
}

// The log once every request the simulator numbered has been logged (a held request is
// logged only when it is answered), or when the deadline passes.
std::vector<Object::Ptr> settled_log(const ForgeSim& sim, bool& settled) {
  const auto deadline = Clock::now() + kSettleTimeout;
  while (true) {
    std::vector<Object::Ptr> log = sim.requests();
    long highest = 0;
    for (const auto& entry : log) highest = std::max(highest, seq_of(entry));
    settled = static_cast<long>(log.size()) == highest;
    if (settled || Clock::now() >= deadline) return log;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling interval only
  }
}

bool in_flight_at_kill(const std::vector<Object::Ptr>& log) {
  const auto probe = std::find_if(log.begin(), log.end(), is_probe);
  if (probe == log.end()) return false;
  const long probe_seq = seq_of(*probe);
  return std::any_of(probe + 1, log.end(),
                     [probe_seq](const Object::Ptr& e) { return seq_of(e) < probe_seq; });
}

}  // namespace

KillOutcome run_kill_point(const KillPlan& plan, const std::string& trace) {
  KillOutcome out;
  ForgeSimOptions options;
  if (plan.slow_request > 0) {
    options.faults =
        "slow=" + std::to_string(plan.slow_ms) + "@" + std::to_string(plan.slow_request);
  }
  ForgeSim sim(options);
  TempDir dir("cibatch-kill");
  SpoolConfig config;
  config.spool_path = dir.file("spool.db");
  config.sync = plan.sync;
  const std::string config_path = write_spool_config(dir.file("cibatch.yml"), sim, config);

  std::ostringstream scale;
  scale << plan.time_scale;
  ChildProcess replay({cibatch_path(), "replay", trace, "--config", config_path, "--echo-returns",
                       "--time-scale", scale.str()},
                      true);
  run_until_kill(replay, plan, out);

  // Neither the probe nor the drain may be held up by the fault plan.
  sim.set_faults("");
  try {
    sim.control("GET", std::string(kProbeTarget) + "?pagelen=1", "", "Bearer kill-probe");
  } catch (const std::runtime_error&) {
    // Its answer does not matter, only its place in the log.
  }
  out.drain_exit = run_drain(config_path, kDrainTimeoutMs, out.drain_output);

  std::vector<Object::Ptr> log = settled_log(sim, out.settled);
  out.in_flight = out.killed && in_flight_at_kill(log);
  log.erase(std::remove_if(log.begin(), log.end(), is_probe), log.end());
  std::stable_sort(log.begin(), log.end(), [](const Object::Ptr& a, const Object::Ptr& b) {
    return seq_of(a) < seq_of(b);
  });
  out.requests = std::move(log);
  out.state = sim.state();
  return out;
}

}  // namespace cib::test
