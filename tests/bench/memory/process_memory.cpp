#include "process_memory.h"

#include <malloc.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace cib::bench {

std::int64_t trimmed_rss_bytes() {
  ::malloc_trim(0);
  std::ifstream statm("/proc/self/statm");
  std::int64_t size_pages = 0;
  std::int64_t resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) {
    throw std::runtime_error("cannot read /proc/self/statm");
  }
  return resident_pages * static_cast<std::int64_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace cib::bench
