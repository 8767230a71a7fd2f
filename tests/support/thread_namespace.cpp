#include "thread_namespace.h"

#include <sched.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <thread>

namespace cib::test {
namespace {

std::string failure(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

// Unshares this thread's namespaces as `space` says; "" or why not.
std::string enter(const ThreadNamespace& space) {
  int flags = space.new_network ? CLONE_NEWNET : 0;
  if (!space.hosts_file.empty()) flags |= CLONE_NEWNS;
  if (flags != 0 && ::unshare(flags) != 0) return failure("unshare");
  if (space.hosts_file.empty()) return "";
  // Private first, so the bind mount below never shows outside this namespace.
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    return failure("making / private");
  }
  if (::mount(space.hosts_file.c_str(), "/etc/hosts", nullptr, MS_BIND, nullptr) != 0) {
    return failure("bind-mounting the hosts file");
  }
  return "";
}

}  // namespace

std::string run_in_namespace(const ThreadNamespace& space, const std::function<void()>& piece) {
  std::string why;
  std::exception_ptr thrown;
  std::thread thread([&] {
    why = enter(space);
    if (!why.empty()) return;
    try {
      piece();
    } catch (...) {
      thrown = std::current_exception();  // a failed BOOST_REQUIRE, say: the caller's now
    }
  });
  thread.join();
  if (thrown) std::rethrow_exception(thrown);
  return why;
}

}  // namespace cib::test
