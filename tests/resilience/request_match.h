// Maps one request of the simulator's log (/_sim/requests) to the trace slot it writes and the
// posts of that slot whose content it carries, so the order of sends can be checked against
// the order of posts.
#pragma once

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <optional>
#include <vector>

#include "trace_slots.h"

namespace cib::test {

struct RequestMatch {
  std::size_t slot = 0;
  // Ranks of the posts whose content the request is consistent with, ascending. Empty: the
  // request carried content that no post of the slot has.
  std::vector<int> candidates;
};

// nullopt for requests that write no slot of the trace (reads, other repositories).
std::optional<RequestMatch> match_request(const TraceSlots& slots,
                                          const Poco::JSON::Object::Ptr& entry);

// True when the host applied the request: a 2xx answer, or no answer at all (the connection
// was lost after the request arrived; the simulator applies a request before it answers).
bool was_applied(const Poco::JSON::Object::Ptr& entry);

}  // namespace cib::test
