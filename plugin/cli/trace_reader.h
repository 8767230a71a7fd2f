// Reads a whole trace (JSON Lines, one op a line; blank lines are skipped) before anything is
// replayed, so a bad line stops a replay before its first post. Every op is checked against
// what the library accepts (payload_limits.h), NULs and sizes included.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "trace_fields.h"
#include "trace_op.h"

namespace cib::trace {

// TraceError messages read "NAME:LINE: op: what", e.g.
// `pr-pipeline.jsonl:12: status: missing field "key"`.
std::vector<TraceLine> read_trace(std::istream& in, const std::string& name);

// Opens path; a file that cannot be read is a TraceError naming it.
std::vector<TraceLine> read_trace_file(const std::string& path);

// Reads a whole (small) file, for annotation and data files; a TraceError names the path.
std::string read_text_file(const std::string& path);

}  // namespace cib::trace
