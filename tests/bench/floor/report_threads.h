// On which pull request (merge request) the report of a commit lands, where a host shows
// reports as comments (GitLab; GitHub without an App). A trace names the PR only in sonar ops,
// so the bundled traces follow one rule that the replay tests declare to the simulator too.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "trace_op.h"

namespace cib::bench {

// (repo, commit) -> PR number.
using ReportThreads = std::map<std::pair<std::string, std::string>, std::int64_t>;

// Every commit with a report or sonar op: the first sonar op's pr on it, else the trace's
// first commented PR, else 1.
ReportThreads report_threads(const std::vector<trace::TraceLine>& lines);

// The PR of the report's commit; 1 for a commit `threads` does not hold.
std::int64_t report_thread(const ReportThreads& threads, const std::string& repo,
                           const std::string& commit);

}  // namespace cib::bench
