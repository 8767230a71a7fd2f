// The calls running on one client handle, so that cib_client_destroy frees the handle only once
// none is left: a call that began before destroy (a close still stopping, a flush or poll that
// waits) must not find it freed under it.
#pragma once

#include <condition_variable>
#include <mutex>

namespace cib::api {

class CallGate {
 public:
  // Before a call. Throws ClientStateError (closed) once destroy has begun.
  void enter();
  // After a call. True when destroy came meanwhile from inside a callback and this was the
  // last call running: the caller frees the handle.
  bool leave();
  // From destroy: no call may enter any more. With `wait`, blocks until no call runs and
  // returns true: free the handle. Without (from inside a callback, whose enclosing call would
  // wait for destroy), returns true when no call runs; otherwise the last leave() says so.
  bool close(bool wait);

 private:
  std::mutex mutex_;
  std::condition_variable idle_;
  int running_ = 0;
  bool closed_ = false;
  bool free_on_last_leave_ = false;
};

}  // namespace cib::api
