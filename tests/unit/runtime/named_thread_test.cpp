#include "runtime/named_thread.h"

#include <pthread.h>
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <future>
#include <string>
#include <thread>

namespace cib {
namespace {

// Linux keeps 15 bytes of a thread name plus the terminating NUL.
constexpr std::size_t kNameBufferBytes = 16;

std::string current_thread_name() {
  char buffer[kNameBufferBytes] = {};
  const int rc = pthread_getname_np(pthread_self(), buffer, sizeof buffer);
  return rc == 0 ? std::string(buffer) : "<pthread_getname_np failed>";
}

bool sigpipe_blocked_here() {
  sigset_t current;
  sigemptyset(&current);
  pthread_sigmask(SIG_BLOCK, nullptr, &current);
  return sigismember(&current, SIGPIPE) == 1;
}

// Runs a named thread whose body reports what it sees, and joins it.
template <typename T, typename Probe>
T observe_in_named_thread(const std::string& name, Probe probe) {
  std::promise<T> seen;
  std::future<T> result = seen.get_future();
  std::thread thread = start_named_thread(name, [&seen, probe] { seen.set_value(probe()); });
  thread.join();
  return result.get();
}

// Sets the calling thread's SIGPIPE disposition in the mask for the test's lifetime.
class SigpipeMaskScope {
 public:
  explicit SigpipeMaskScope(int how) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(how, &set, &previous_);
  }
  ~SigpipeMaskScope() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  SigpipeMaskScope(const SigpipeMaskScope&) = delete;
  SigpipeMaskScope& operator=(const SigpipeMaskScope&) = delete;

 private:
  sigset_t previous_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(named_thread)

BOOST_AUTO_TEST_CASE(body_runs_once_on_a_new_thread) {
  const std::thread::id caller = std::this_thread::get_id();
  int runs = 0;
  std::thread::id body_thread;
  std::thread thread = start_named_thread("cib-once", [&] {
    ++runs;
    body_thread = std::this_thread::get_id();
  });
  thread.join();
  BOOST_TEST(runs == 1);
  BOOST_TEST((body_thread != caller));
}

BOOST_AUTO_TEST_CASE(thread_carries_the_given_name) {
  BOOST_TEST(observe_in_named_thread<std::string>("cib-dispatch", current_thread_name) ==
             "cib-dispatch");
}

BOOST_AUTO_TEST_CASE(name_of_exactly_fifteen_bytes_is_kept_whole) {
  const std::string name = "abcdefghijklmno";
  BOOST_REQUIRE(name.size() == 15u);
  BOOST_TEST(observe_in_named_thread<std::string>(name, current_thread_name) == name);
}

BOOST_AUTO_TEST_CASE(long_name_is_cut_to_fifteen_bytes) {
  BOOST_TEST(observe_in_named_thread<std::string>("cibatch-dispatcher-thread",
                                                  current_thread_name) == "cibatch-dispatc");
}

BOOST_AUTO_TEST_CASE(sigpipe_is_blocked_inside_the_thread) {
  const SigpipeMaskScope unblocked(SIG_UNBLOCK);
  BOOST_REQUIRE(!sigpipe_blocked_here());
  BOOST_TEST(observe_in_named_thread<bool>("cib-sigpipe", sigpipe_blocked_here));
}

BOOST_AUTO_TEST_CASE(caller_mask_with_sigpipe_unblocked_is_left_unblocked) {
  const SigpipeMaskScope unblocked(SIG_UNBLOCK);
  std::thread thread = start_named_thread("cib-mask", [] {});
  BOOST_TEST(!sigpipe_blocked_here());
  thread.join();
  BOOST_TEST(!sigpipe_blocked_here());
}

BOOST_AUTO_TEST_CASE(caller_mask_with_sigpipe_blocked_stays_blocked) {
  const SigpipeMaskScope blocked(SIG_BLOCK);
  std::thread thread = start_named_thread("cib-mask", [] {});
  thread.join();
  BOOST_TEST(sigpipe_blocked_here());
}

BOOST_AUTO_TEST_CASE(other_signals_in_the_caller_mask_are_kept) {
  const SigpipeMaskScope unblocked(SIG_UNBLOCK);
  sigset_t usr1;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  sigset_t before;
  pthread_sigmask(SIG_BLOCK, &usr1, &before);

  std::thread thread = start_named_thread("cib-mask", [] {});
  thread.join();

  sigset_t after;
  pthread_sigmask(SIG_SETMASK, &before, &after);
  BOOST_TEST(sigismember(&after, SIGUSR1) == 1);
  BOOST_TEST(sigismember(&after, SIGPIPE) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
