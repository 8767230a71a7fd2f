// Argument checks of cib_sonar and the reading of its analysis into report updates. Every
// failure throws CallError: a field of the struct ("sonar->repo: ...") or the input and field
// the Sonar readers name ("issues page 2: issues[17].line: ...").
#pragma once

#include <cstdint>
#include <vector>

#include "cibatch.h"
#include "core/slot_table.h"

namespace cib::api {

// One update per report: one for Web API answers, one per run of a SARIF document. All are
// read before it returns; nothing is returned half-read.
std::vector<Update> sonar_updates(const cib_sonar* sonar, std::uint64_t tag, std::uint32_t flags);

}  // namespace cib::api
