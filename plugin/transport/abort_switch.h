// Lets another thread cut the connection under a request in flight. The switch holds its own
// duplicate of the socket's descriptor, so shutting it down never hits a descriptor number that
// the sending thread closed and the process reused meanwhile.
#pragma once

#include <mutex>

namespace cib {

class AbortSwitch {
 public:
  AbortSwitch() = default;
  ~AbortSwitch();
  AbortSwitch(const AbortSwitch&) = delete;
  AbortSwitch& operator=(const AbortSwitch&) = delete;

  // Watches the socket `fd` (the sending thread, after creating a socket). When the switch has
  // already tripped, the socket is shut down at once. The caller keeps owning `fd`.
  void arm(int fd);
  // Stops watching (the sending thread, when it closes the socket).
  void disarm();
  // Shuts the watched socket down for reading and writing, so that a blocked connect, send or
  // receive returns at once; every later arm() does the same. Any thread.
  void trip();
  bool tripped() const;

 private:
  void close_duplicate();  // mutex_ held

  mutable std::mutex mutex_;
  int duplicate_fd_ = -1;
  bool tripped_ = false;
};

}  // namespace cib
