// Threads the library starts for itself (the dispatcher, workers): named, so that `top -H` and
// debuggers show what they are, and with SIGPIPE blocked, so that a peer closing a socket under
// a write becomes an EPIPE error instead of killing the host process (a JVM, say).
#pragma once

#include <functional>
#include <string>
#include <thread>

namespace cib {

// Runs `body` on a new thread called `name` (cut to the 15 bytes Linux allows). SIGPIPE is
// blocked from the thread's first instruction on: the mask is set before the thread is created
// and inherited. The caller's own signal mask is left as it was. `body` should catch what it
// throws (std::bad_alloc included); an exception that still escapes ends the thread quietly
// rather than the host process, as std::thread would. Throws std::system_error when the thread
// cannot be created, std::bad_alloc when memory runs out.
std::thread start_named_thread(const std::string& name, std::function<void()> body);

}  // namespace cib
