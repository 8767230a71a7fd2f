// Blocks SIGPIPE in the calling thread while the object lives and restores the previous mask
// after, so the threads created meanwhile inherit the blocked signal: a write to a peer that left
// then fails with EPIPE instead of killing a host program that did not ignore the signal.
#pragma once

#include <pthread.h>
#include <signal.h>

#include <system_error>

namespace cib {

class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    const int rc = pthread_sigmask(SIG_BLOCK, &block, &previous_);
    if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_sigmask");
  }
  ~SigpipeBlock() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  sigset_t previous_;
};

}  // namespace cib
