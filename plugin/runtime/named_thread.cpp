#include "runtime/named_thread.h"

#include <pthread.h>
#include <signal.h>

#include <system_error>
#include <utility>

#include "runtime/sigpipe_block.h"

namespace cib {
namespace {

constexpr std::size_t kMaxThreadNameBytes = 15;  // Linux: 16 including the terminating NUL

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
