// Counters a client keeps for cib_client_stats_json. Updated from several threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace cib {

struct Stats {
  std::atomic<std::uint64_t> calls{0};     // accepted post calls
  std::atomic<std::uint64_t> requests{0};  // HTTP requests sent (answered or not)
  std::atomic<std::uint64_t> requests_status{0};
  std::atomic<std::uint64_t> requests_comment{0};
  std::atomic<std::uint64_t> requests_report{0};
  std::atomic<std::uint64_t> coalesced{0};     // updates replaced by a newer one before sending
  std::atomic<std::uint64_t> deduplicated{0};  // updates the host already held
  std::atomic<std::uint64_t> retries{0};       // deliveries tried again after a failure
  std::atomic<std::uint64_t> rate_limited{0};  // 429 answers
  std::atomic<std::uint64_t> failed{0};        // posts refused for good
  std::atomic<std::uint64_t> batched{0};       // requests saved by carrying many items in one
  std::atomic<std::uint64_t> budget_waits{0};  // deliveries put off until the budget had room
  // 304 answers to conditional reads: the host sent no body again and did not charge them
  std::atomic<std::uint64_t> not_modified{0};
};

// The JSON object of cib_client_stats_json; `pending` is the number of unsettled slots and
// `reports_dropped` the delivery reports dropped over reports.max_queued.
std::string stats_json(const Stats& stats, std::uint64_t pending, std::uint64_t reports_dropped);

}  // namespace cib
