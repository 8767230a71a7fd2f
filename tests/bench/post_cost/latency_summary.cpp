#include "latency_summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cib::bench {
namespace {

// The nearest-rank percentile: the smallest sample that at least `fraction` of them do not
// exceed. Partially sorts the samples.
std::int64_t percentile(std::vector<std::int64_t>& samples, double fraction) {
  const auto rank = static_cast<std::size_t>(std::ceil(fraction * samples.size()));
  const auto nth =
      samples.begin() + static_cast<std::ptrdiff_t>(std::max<std::size_t>(rank, 1) - 1);
  std::nth_element(samples.begin(), nth, samples.end());
  return *nth;
}

}  // namespace

LatencySummary summarize_latencies(std::vector<std::int64_t>& samples_ns) {
  LatencySummary summary;
  summary.samples = samples_ns.size();
  if (samples_ns.empty()) return summary;
  // A long double sum: a million samples of a few microseconds stay exact.
  const long double total = std::accumulate(samples_ns.begin(), samples_ns.end(), 0.0L);
  summary.mean_ns = static_cast<double>(total / samples_ns.size());
  summary.p50_us = percentile(samples_ns, 0.50) / 1000.0;
  summary.p99_us = percentile(samples_ns, 0.99) / 1000.0;
  return summary;
}

}  // namespace cib::bench
