#include "runtime/fork_gate.h"

#include <pthread.h>

#include <atomic>
#include <mutex>

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
