// One point of the kill test: a fresh simulator and spool, `cibatch replay --echo-returns` as a
// child that is SIGKILLed after its k-th returned post, then `cibatch drain` on the same
// configuration, then what the host ended holding and every request it saw.
#pragma once

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <string>
#include <vector>

namespace cib::test {

struct KillPlan {
  int point = 0;                // for messages
  std::string sync = "always";  // spool.sync
  std::size_t kill_after = 1;   // SIGKILL once this many posts have returned
  int slow_request = 0;         // 0: no fault; else the simulator holds this request slow_ms
  int slow_ms = 0;
  double time_scale = 0.05;  // --time-scale of the replay
};

struct KillOutcome {
  std::vector<std::size_t> returned_lines;  // trace lines of the posts that returned
  bool killed = false;                      // false: the replay ended by itself first
  bool in_flight = false;     // the host was still serving a request of the child when it died
  std::string replay_output;  // what the child printed besides "returned" lines
  int drain_exit = -1;
  std::string drain_output;
  bool settled = true;            // false: a request the host received never showed in its log
  Poco::JSON::Object::Ptr state;  // /_sim/state at the end
  std::vector<Poco::JSON::Object::Ptr> requests;  // the API requests, by arrival (seq)
};

// Runs one point; throws std::runtime_error when the simulator or a child cannot be started.
KillOutcome run_kill_point(const KillPlan& plan, const std::string& trace);

}  // namespace cib::test
