#include "runtime/fork_gate.h"

#include <pthread.h>

#include <atomic>
#include <mutex>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace cib {
namespace {

// A plain C object with constant initialisation: nothing runs at load or at exit.
pthread_rwlock_t gate = PTHREAD_RWLOCK_INITIALIZER;
std::atomic<std::uint64_t> generation{0};

void close_gate() {
  pthread_rwlock_wrlock(&gate);
}
void open_gate_in_parent() {
  pthread_rwlock_unlock(&gate);
}
// The child's thread has another id than the one that locked the gate, and the threads that
// waited for it are gone: an unlock would be taken for a reader's. The child starts a new gate.
void open_gate_in_child() {
#if defined(__SANITIZE_THREAD__)
  // ThreadSanitizer cannot see the assignment below: to it the gate stays write-locked by this
  // thread (the prepare handler ran on it) and the child's next hold is a bug. Tell it the gate
  // opened.
  __tsan_mutex_pre_unlock(&gate, 0);
  __tsan_mutex_post_unlock(&gate, 0);
#endif
  pthread_rwlock_t fresh = PTHREAD_RWLOCK_INITIALIZER;
  gate = fresh;
  generation.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

void install_fork_handlers() {
  static std::once_flag installed;
  std::call_once(installed,
                 [] { pthread_atfork(close_gate, open_gate_in_parent, open_gate_in_child); });
}

std::uint64_t fork_generation() noexcept {
  return generation.load(std::memory_order_relaxed);
}

ForkGateHold::ForkGateHold() noexcept {
  install_fork_handlers();
  // glibc's default rwlock prefers readers, so a hold taken while fork() waits still goes in.
  pthread_rwlock_rdlock(&gate);
}

ForkGateHold::~ForkGateHold() {
  pthread_rwlock_unlock(&gate);
}

}  // namespace cib
