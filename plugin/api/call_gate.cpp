#include "api/call_gate.h"

#include "core/client.h"

namespace cib::api {

void CallGate::enter() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed_) {
    throw ClientStateError(ClientStateError::Code::closed,
                           "the client is being destroyed; it must not be used any more");
  }
  ++running_;
}

bool CallGate::leave() {
  std::lock_guard<std::mutex> lock(mutex_);
  --running_;
  if (running_ > 0 || !closed_) return false;
  // Notified under the lock: destroy frees the gate as soon as it sees no call left.
  idle_.notify_all();
  return free_on_last_leave_;
}

bool CallGate::close(bool wait) {
  std::unique_lock<std::mutex> lock(mutex_);
  closed_ = true;
  if (!wait) {
    free_on_last_leave_ = running_ > 0;
    return running_ == 0;
  }
  idle_.wait(lock, [this] { return running_ == 0; });
  return true;
}

}  // namespace cib::api
