// The request floor of a trace (docs/TRACES.md): the fewest requests that deliver every content
// that must be seen, next to the call count and the naive request count.
#pragma once

#include <string>
#include <vector>

#include "floor_types.h"
#include "trace_op.h"

namespace cib::bench {

// Replays the ops on the trace's own clock, priced with settings.host's request shapes
// (std::invalid_argument for a host it does not know). A sonar op updates the slot of each report
// it posts (sonar_op_reports.h), its files resolved against the folder of `name`, the trace's path;
// its naive cost is naive_sonar_cost's. A file that cannot be read is a trace::TraceError
// "NAME:LINE: ...".
FloorResult compute_floor(const std::vector<trace::TraceLine>& lines, const FloorSettings& settings,
                          const std::string& name = "trace");

// Reads the trace at path, then compute_floor. trace::TraceError on a bad trace.
FloorResult compute_trace_floor(const std::string& path, const FloorSettings& settings);

// {"trace":NAME,"host":HOST,"calls":N,"naive":N,"floor":F,"floor_by_kind":{"status":..,
// "comment":..,"report":..},"lookups":L} on one line.
std::string floor_json(const std::string& name, const std::string& host, const FloorResult& result);

}  // namespace cib::bench
