// The pull-mode benchmark's results: per case and wait mode, the runs' figures reduced to their
// median and maximum, as a table for people or as JSON.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "pull_run.h"

namespace cib::bench {

struct CaseResult {
  PullCase pull_case;
  WaitMode mode = WaitMode::flush;
  std::vector<RunMeasure> runs;
  std::string error;  // why a run could not be measured (the case stops there); empty: none
};

// Median (the lower middle value of an even count) and maximum; both 0 when there are none.
struct Spread {
  std::int64_t median = 0;
  std::int64_t max = 0;
};
Spread spread_of(std::vector<std::int64_t> values);

void print_table(std::ostream& out, const std::vector<CaseResult>& results);
void print_json(std::ostream& out, const std::vector<CaseResult>& results);

}  // namespace cib::bench
