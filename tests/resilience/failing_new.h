// A replacement of the global operator new for tests that need std::bad_alloc on the library's
// own threads: while failing is on, every allocation on a thread whose name begins with "cib-"
// (the dispatcher, the spool committer, the Sonar poller) throws, and is counted per thread
// name. The library imports operator new, so the replacement in a test executable serves it.
#pragma once

#include <cstdint>
#include <string>

namespace cib::test {

// Starts or stops failing allocations on the library's threads.
void fail_library_allocations(bool on);

// How many allocations failed on threads named `thread_name` since the program started.
std::uint64_t failed_allocations(const std::string& thread_name);

}  // namespace cib::test
