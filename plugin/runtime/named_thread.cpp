#include "runtime/named_thread.h"

#include <pthread.h>
#include <signal.h>

#include <system_error>
#include <utility>

namespace cib {
namespace {

constexpr std::size_t kMaxThreadNameBytes = 15;  // Linux: 16 including the terminating NUL

// Blocks SIGPIPE in the calling thread for its lifetime and restores the previous mask after, so
// a thread created meanwhile inherits the blocked signal.
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

}  // namespace

std::thread start_named_thread(const std::string& name, std::function<void()> body) {
  std::string short_name = name.substr(0, kMaxThreadNameBytes);
  SigpipeBlock block;
  return std::thread([short_name = std::move(short_name), body = std::move(body)]() {
    pthread_setname_np(pthread_self(), short_name.c_str());
    try {
      body();
    } catch (...) {
      // A last resort (each body catches what it can handle): the thread ends, the host lives.
    }
  });
}

}  // namespace cib
