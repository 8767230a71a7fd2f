// The resident memory of this process, as the slot-memory benchmark reads it.
#pragma once

#include <cstdint>

namespace cib::bench {

// Resident set size in bytes from /proc/self/statm, read after malloc_trim(0) has returned the
// allocator's free memory to the system, so that freed blocks are not counted. Throws
// std::runtime_error when statm cannot be read.
std::int64_t trimmed_rss_bytes();

}  // namespace cib::bench
