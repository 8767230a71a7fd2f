// The one JSON line a replay prints last (docs/TRACES.md):
// {"calls":N,"requests":M,"by_kind":{"status":..,"comment":..,"report":..},"retries":R,
//  "rate_limited":K,"undelivered":U}
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace cib::cli {

struct ReplayTotals {
  std::int64_t calls = 0;        // post calls made through the ABI
  std::size_t left = 0;          // slots the last flush left unsettled
  std::size_t failed_slots = 0;  // slots whose newest post was reported FAILED

  std::size_t undelivered() const { return left + failed_slots; }
};

// stats_json is what cib_client_stats_json returned; counters it lacks read as 0, and by_kind
// is empty when it has no "requests_by_kind". CommandError when it is not a JSON object.
std::string replay_summary_json(const std::string& stats_json, const ReplayTotals& totals);

}  // namespace cib::cli
