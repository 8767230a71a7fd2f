#define BOOST_TEST_MODULE integration_transport
#include <boost/test/unit_test.hpp>
#include <csignal>
#include <cstdlib>

#include "runtime/library_start.h"

namespace {

// The in-process test servers write to sockets that the client has already closed: that must be
// an EPIPE error, not a signal that ends the test run (the library's own threads block SIGPIPE).
// A proxy in the environment of the machine must not catch the tests' loopback requests.
struct ProcessSetup {
  ProcessSetup() {
    std::signal(SIGPIPE, SIG_IGN);
    setenv("no_proxy", "127.0.0.1,localhost", 1);
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    cib::ensure_library_started();
  }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(ProcessSetup);
