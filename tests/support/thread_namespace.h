// Runs a piece of a test on a thread of its own Linux namespaces (root only): CLONE_NEWNET
// gives it a network with no interface up, so a name lookup fails at once without a packet
// leaving the machine; a hosts file bind-mounted over /etc/hosts in a new mount namespace
// makes a name resolve for that thread alone. Threads the piece starts (a client's dispatcher)
// inherit both. The rest of the process is untouched.
#pragma once

#include <functional>
#include <string>

namespace cib::test {

struct ThreadNamespace {
  bool new_network = false;
  std::string hosts_file;  // not empty: bind-mounted over /etc/hosts in a new mount namespace
};

// Runs `piece` on a new thread set up as `space` says and waits for it. Returns "" or why the
// namespaces could not be made (then `piece` did not run). The caller's thread does nothing
// meanwhile, so `piece` may use Boost.Test's assertions.
std::string run_in_namespace(const ThreadNamespace& space, const std::function<void()>& piece);

}  // namespace cib::test
