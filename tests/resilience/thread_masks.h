// The signal masks of this process's threads, read from /proc/self/task.
#pragma once

#include <string>
#include <vector>

namespace cib::test {

struct LibraryThread {
  std::string name;  // "cib-dispatch", …
  bool blocks_sigpipe = false;
};

// The threads whose name begins with "cib-", with whether SIGPIPE is in their SigBlk.
std::vector<LibraryThread> library_threads();

// Whether the calling thread blocks `signal`.
bool calling_thread_blocks(int signal);

}  // namespace cib::test
