// What the simulator's request log says about one pull-mode run: how the compute-engine task was
// polled, and how long after the poll that saw it end the report reached the host.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cib::bench {

// One line of forge-sim's request log, the fields the timeline needs.
struct LoggedRequest {
  std::int64_t t_ms = 0;
  std::string service;  // "host" or "sonar"
  std::string method;
  std::string target;
  int status = 0;  // 0: the connection was dropped
};

struct PullTimeline {
  std::size_t task_polls = 0;
  std::vector<std::int64_t> poll_gaps_ms;  // between consecutive api/ce/task polls
  std::size_t sonar_requests = 0;
  std::size_t host_requests = 0;
  // From the last api/ce/task poll (the one that answered SUCCESS) to the report's PUT (the
  // gate is on the pull request) and to the last host request (its annotations are all there).
  std::int64_t ended_to_report_put_ms = 0;
  std::int64_t ended_to_last_host_ms = 0;

  // The smallest gap; 0 with fewer than two polls.
  std::int64_t min_poll_gap_ms() const;
};

// Reads the log of one run (in the order it was logged). Throws std::runtime_error naming what
// makes the measurement impossible: no task poll, no report PUT, a host request before the task
// ended, or a request that was not answered 2xx (a GET may be answered 404: the provider asks
// whether the host holds the report yet).
PullTimeline read_timeline(const std::vector<LoggedRequest>& log);

}  // namespace cib::bench
