// The process whose memory the secrets suite searches: opens a client from the configuration
// file given (its token in a token file, so that only the library ever reads it), delivers one
// status and prints "delivered"; on SIGUSR1 destroys the client and the configuration and
// prints "destroyed"; then waits to be killed.
#include <signal.h>

#include <cstdio>
#include <exception>
#include <string>

#include "cibatch.hpp"

namespace {

void wait_for_sigusr1() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  int signal = 0;
  sigwait(&set, &signal);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  // Blocked before any thread starts, so every thread leaves SIGUSR1 to sigwait.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  try {
    auto conf = std::make_unique<cibatch::Config>();
    conf->load_yaml_file(argv[1]);
    auto client = std::make_unique<cibatch::Client>(*conf);
    cibatch::Status status;
    status.repo = "acme/web";
    status.commit = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";
    status.key = "build";
    status.name = "build";
    status.state = CIB_STATE_SUCCESSFUL;
    client->post(status, 1);
    const cibatch::Settlement settled = client->flush(1, 30000);
    std::printf("%s\n", settled.settled() ? "delivered" : "not delivered");
    std::fflush(stdout);
    wait_for_sigusr1();
    client.reset();
    conf.reset();
    std::printf("destroyed\n");
    std::fflush(stdout);
    wait_for_sigusr1();
  } catch (const std::exception& e) {
    std::printf("error: %s\n", e.what());
    return 1;
  }
  return 0;
}
