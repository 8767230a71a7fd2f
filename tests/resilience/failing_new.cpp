#include "failing_new.h"

#include <sys/prctl.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

namespace cib::test {
namespace {

std::atomic<bool> g_failing{false};

// Counters per thread name, without allocating: a fixed table of the names the library uses.
constexpr const char* kNames[] = {"cib-dispatch", "cib-spool", "cib-sonar"};
constexpr std::size_t kNameCount = sizeof kNames / sizeof kNames[0];
std::atomic<std::uint64_t> g_failed[kNameCount + 1];  // the last: any other "cib-" thread

// The index of the calling thread's counter, or -1 when it is not one of the library's.
int library_thread_index() {
  char name[17] = "";
  if (::prctl(PR_GET_NAME, name) != 0 || std::strncmp(name, "cib-", 4) != 0) return -1;
  for (std::size_t i = 0; i < kNameCount; ++i) {
    if (std::strcmp(name, kNames[i]) == 0) return static_cast<int>(i);
  }
  return static_cast<int>(kNameCount);
}

}  // namespace

void fail_library_allocations(bool on) {
  g_failing.store(on);
}

std::uint64_t failed_allocations(const std::string& thread_name) {
  for (std::size_t i = 0; i < kNameCount; ++i) {
    if (thread_name == kNames[i]) return g_failed[i].load();
  }
  return g_failed[kNameCount].load();
}

}  // namespace cib::test

void* operator new(std::size_t size) {
  if (cib::test::g_failing.load(std::memory_order_relaxed)) {
    const int index = cib::test::library_thread_index();
    if (index >= 0) {
      cib::test::g_failed[index].fetch_add(1);
      throw std::bad_alloc();
    }
  }
  if (void* block = std::malloc(size == 0 ? 1 : size)) return block;
  throw std::bad_alloc();
}

void* operator new[](std::size_t size) {
  return ::operator new(size);
}

void operator delete(void* block) noexcept {
  std::free(block);
}

void operator delete[](void* block) noexcept {
  std::free(block);
}

void operator delete(void* block, std::size_t) noexcept {
  std::free(block);
}

void operator delete[](void* block, std::size_t) noexcept {
  std::free(block);
}
