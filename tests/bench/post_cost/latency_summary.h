// Per-call latencies reduced to the figures the post-cost benchmark reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cib::bench {

struct LatencySummary {
  std::size_t samples = 0;
  double mean_ns = 0;
  double p50_us = 0;
  double p99_us = 0;
};

// Nearest-rank percentiles and the mean of samples (nanoseconds); reorders them. All zero when
// there are none.
LatencySummary summarize_latencies(std::vector<std::int64_t>& samples_ns);

}  // namespace cib::bench
