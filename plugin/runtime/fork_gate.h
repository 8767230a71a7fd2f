// SQLite keeps, in each process, which of its connections hold which lock of a file. A fork()
// that lands while one of our threads is inside a write transaction gives the child a copy in
// which that lock is held for ever, by a thread the child does not have: every connection the
// child opens on the same file (a client of its own on the machine's budget file) then waits
// out its busy timeout on each write. The fork gate lets a fork() through only between
// transactions: its prepare handler waits until none is open. Transactions are short (bounded by
// the busy timeout), and a fork() that no thread of ours is in the way of does not wait at all.
// An HTTP request holds it too (transport/http_client.cpp): Poco's buffer pool and OpenSSL hold
// process-wide locks while it runs, so a fork() waits at most one request (its timeouts).
#pragma once

#include <cstdint>

namespace cib {

// Installs the fork handlers of the gate and of fork_generation(); once, from library start-up.
void install_fork_handlers();

// How many fork()s lie between this process and the one that started the library: an object
// that notes it when made knows, without a system call, that it now runs in a child.
std::uint64_t fork_generation() noexcept;

// Held by a thread for the whole of one transaction or one HTTP request. Several threads may hold
// it at once; a fork() in the process waits until none does. Never call fork() while holding it.
class ForkGateHold {
 public:
  ForkGateHold() noexcept;
  ~ForkGateHold();
  ForkGateHold(const ForkGateHold&) = delete;
  ForkGateHold& operator=(const ForkGateHold&) = delete;
};

}  // namespace cib
