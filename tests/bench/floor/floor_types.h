// Values shared by the request-floor model: its settings, what a slot holds, and the result.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <variant>

#include "trace_op.h"

namespace cib::bench {

// The wall-clock constants of the debounce, as the batching.* configuration keys set them, and
// the host whose request shapes (host_shapes.h) price what the debounce lets through.
struct FloorSettings {
  std::int64_t linger_ms = 2000;
  std::int64_t terminal_linger_ms = 200;
  std::int64_t max_delay_ms = 10000;
  // A process with an empty spool (a new agent) against a host that holds nothing yet: a slot
  // learns what the host holds before its first write (docs/TRACES.md, "Cold start").
  bool cold_start = true;
  std::string host = "bitbucket-cloud";  // host.kind
  bool github_checks = true;             // github.reports: checks (an App); false: comment
};

// The content a slot is asked to hold: the newest op that updated it.
using SlotContent = std::variant<trace::StatusOp, trace::CommentOp, trace::ReportOp>;

// Indexes of FloorResult::floor_by_kind, in the order of cib_slot_kind.
enum FloorKind : std::size_t { kStatusKind = 0, kCommentKind = 1, kReportKind = 2 };

// The slot a content belongs to: status per repo+commit+key, comment per repo+PR+key, report
// per repo+commit+id.
std::string slot_key(const SlotContent& content);

struct FloorResult {
  std::int64_t calls = 0;  // post ops in the trace
  std::int64_t naive = 0;  // requests of a plugin without cibatch (HostShapes::naive_cost)
  std::int64_t floor = 0;  // the fewest requests that deliver every content that must be seen
  std::array<std::int64_t, 3> floor_by_kind{};
  std::int64_t lookups = 0;  // of the floor: reads a cold start makes before writing
};

}  // namespace cib::bench
