// Pull mode's conversation with the Sonar server for one scanner run: wait for the
// compute-engine task, then read the gate of its analysis, the measures and every page of open
// issues of the pull request or branch it analysed. The answers go to plugin/sonar/'s readers.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

#include "runtime/clock.h"
#include "sonar/sonar_analysis.h"
#include "sonar_pull/report_task.h"
#include "sonar_pull/sonar_server.h"

namespace cib::sonar {

// Issues per page: the most `api/issues/search` serves.
constexpr int kIssuePageSize = 500;
// SonarQube serves no result past the 10,000th of a search (Elasticsearch's window).
constexpr std::size_t kMaxSearchResults = 10000;

// How a pull waits between polls. wait() returns false when the pull must stop (the client
// closes); it never returns before `d` has passed otherwise.
class PullWaiter {
 public:
  virtual ~PullWaiter() = default;
  virtual TimePoint now() const = 0;
  virtual bool wait(Duration d) = 0;
};

struct PulledAnalysis {
  SonarAnswers answers;
  std::size_t issues_total = 0;     // open issues the search counted
  std::size_t issues_left_out = 0;  // past the search window, not read
  int task_polls = 0;
  TimePoint task_seen_ended{};  // when the poll that saw the task succeed returned
};

// The task failed, was cancelled or did not end in time, the server refused a request or
// answered what pull mode cannot read, or the client stopped. `http_status`: the server's answer
// (0: none).
class PullFailed : public std::runtime_error {
 public:
  PullFailed(const std::string& message, int http_status)
      : std::runtime_error(message), http_status_(http_status) {}
  int http_status() const { return http_status_; }

 private:
  int http_status_;
};

// The client closed while the pull waited: the task did not fail, it was left.
class PullStopped : public PullFailed {
 public:
  explicit PullStopped(const std::string& message) : PullFailed(message, 0) {}
};

// The delay before poll number `poll` (from 0) of a task: 0 for the first, then 1 s, 1 s, 2 s,
// 3 s and 5 s from then on - never faster than once a second.
Duration task_poll_delay(int poll);

// Waits for the task until `deadline`, then reads the answers. `server_url` links findings to
// their rules. Throws PullFailed.
PulledAnalysis pull_analysis(SonarServer& server, const ReportTask& task,
                             const std::string& server_url, TimePoint deadline, PullWaiter& waiter);

// What the report's details say when the search window hid issues; "" when none was hidden.
std::string left_out_note(const PulledAnalysis& pulled);

}  // namespace cib::sonar
