#include "core/stats.h"

#include <sstream>

namespace cib {

std::string stats_json(const Stats& s, std::uint64_t pending, std::uint64_t reports_dropped) {
  std::ostringstream out;
  out << "{\"calls\":" << s.calls << ",\"requests\":" << s.requests
      << ",\"requests_by_kind\":{\"status\":" << s.requests_status
      << ",\"comment\":" << s.requests_comment << ",\"report\":" << s.requests_report << "}"
      << ",\"coalesced\":" << s.coalesced << ",\"deduplicated\":" << s.deduplicated
      << ",\"retries\":" << s.retries << ",\"rate_limited\":" << s.rate_limited
      << ",\"failed\":" << s.failed << ",\"budget_waits\":" << s.budget_waits
      << ",\"saved\":{\"coalescing\":" << s.coalesced << ",\"deduplication\":" << s.deduplicated
      << ",\"batching\":" << s.batched << ",\"conditional\":" << s.not_modified << "}"
      << ",\"pending\":" << pending << ",\"reports_dropped\":" << reports_dropped << "}";
  return out.str();
}

}  // namespace cib
