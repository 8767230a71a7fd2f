// The simulator's side of a pull-mode run: the analysis a scanner would have submitted (loaded
// into forge-sim's SonarQube with a task script), the report-task.txt the scanner writes, and
// what the simulator saw and holds afterwards.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "forge_sim.h"
#include "request_timeline.h"

namespace cib::bench {

constexpr const char* kRepo = "bench/sonar-pull";
constexpr const char* kCommit = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
constexpr const char* kReportId = "sonar";
constexpr int kPullRequest = 7;
// The simulator accepts this token alone on its SonarQube endpoints.
constexpr const char* kSonarToken = "squ_bench-sonar-pull-token";

// One case: the open findings of the analysis and how long its compute-engine task runs.
struct PullCase {
  int findings = 0;
  int pending_polls = 2;      // polls answered PENDING,
  int in_progress_polls = 3;  // then IN_PROGRESS, then SUCCESS
  int expected_polls() const { return pending_polls + in_progress_polls + 1; }
};

// Loads the case's analysis (generated issues, a passed gate, two measures) and writes the
// scanner's report-task.txt for its task into dir. Returns the file's path. Throws
// std::runtime_error with the simulator's answer when it refuses the analysis.
std::string load_analysis(const test::ForgeSim& sim, const PullCase& pull_case,
                          const std::string& dir);

// The simulator's request log.
std::vector<LoggedRequest> logged_requests(const test::ForgeSim& sim);

// How many annotations the host holds on the report; throws std::runtime_error when the host
// holds no report.
std::size_t report_annotations(const test::ForgeSim& sim);

}  // namespace cib::bench
