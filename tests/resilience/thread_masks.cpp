#include "thread_masks.h"

#include <dirent.h>
#include <pthread.h>
#include <signal.h>

#include <cstdint>
#include <fstream>

namespace cib::test {
namespace {

// The SigBlk line of a /proc status file as a bit set (bit n-1 for signal n); 0 when missing.
std::uint64_t blocked_signals(const std::string& status_path, std::string& name) {
  std::ifstream status(status_path);
  std::string line;
  std::uint64_t blocked = 0;
  while (std::getline(status, line)) {
    if (line.rfind("Name:", 0) == 0) name = line.substr(line.find_first_not_of(" \t", 5));
    if (line.rfind("SigBlk:", 0) == 0) blocked = std::stoull(line.substr(7), nullptr, 16);
  }
  return blocked;
}

}  // namespace

std::vector<LibraryThread> library_threads() {
  std::vector<LibraryThread> threads;
  DIR* tasks = opendir("/proc/self/task");
  if (tasks == nullptr) return threads;
  while (const dirent* entry = readdir(tasks)) {
    if (entry->d_name[0] == '.') continue;
    std::string name;
    const std::uint64_t blocked =
        blocked_signals(std::string("/proc/self/task/") + entry->d_name + "/status", name);
    if (name.rfind("cib-", 0) != 0) continue;
    threads.push_back({name, ((blocked >> (SIGPIPE - 1)) & 1u) != 0});
  }
  closedir(tasks);
  return threads;
}

bool calling_thread_blocks(int signal) {
  sigset_t mask;
  pthread_sigmask(SIG_SETMASK, nullptr, &mask);
  return sigismember(&mask, signal) == 1;
}

}  // namespace cib::test
