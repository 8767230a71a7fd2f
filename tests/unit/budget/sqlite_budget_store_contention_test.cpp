#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "budget/sqlite_budget_store.h"
#include "temp_dir.h"

namespace cib {
namespace {

constexpr std::int64_t kLimit = 50;
constexpr int kAttempts = 100;  // per identity and process or thread: more than a window holds
// Each identity is a separate log, filled by every process: one more race for its last grant.
constexpr int kIdentities = 8;
constexpr std::int64_t kBusyTimeoutMs = 30'000;

Limits fifty_per_minute() {
  Limits limits;
  LogLimit all;
  all.name = "all";
  all.window_ms = 60'000;
  all.limit = kLimit;
  for (std::int64_t& cap : all.cap) cap = kLimit;
  limits.logs.push_back(all);
  limits.margin_ms = 600;
  return limits;
}

using Grants = std::array<int, kIdentities>;

// Takes kAttempts times for each identity in turn; what was granted to each.
Grants take_all(BudgetStore& store) {
  const Limits limits = fifty_per_minute();
  Grants granted{};
  for (int identity = 0; identity < kIdentities; ++identity) {
    for (int i = 0; i < kAttempts; ++i) {
      const std::string name = "acct-" + std::to_string(identity);
      if (store.take(name, limits, TakeRequest{}).granted) ++granted[identity];
    }
  }
  return granted;
}

// Kills and reaps whatever child is still running when the test ends, also when it fails.
struct Children {
  std::vector<pid_t> running;
  ~Children() {
    for (const pid_t pid : running) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }
};

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int fds[2];
    BOOST_REQUIRE(::pipe(fds) == 0);
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    close_fd(read);
    close_fd(write);
  }
};

// The child opens the file (all of them at once: the first creates it while the others
// wait), says it is ready, waits until the start pipe reaches end of file (every sibling is
// ready) and takes as fast as it can, so that the takes of all six overlap.
[[noreturn]] void run_child(const std::string& path, Pipe& ready, Pipe& start, Pipe& results) {
  close_fd(ready.read);
  close_fd(start.write);
  close_fd(results.read);
  SystemClock clock;
  std::unique_ptr<SqliteBudgetStore> store;
  try {
    store = std::make_unique<SqliteBudgetStore>(path, "", kBusyTimeoutMs, clock);
  } catch (...) {
  }
  const char byte = 1;  // ready also when the store failed: the others must not wait for it
  if (::write(ready.write, &byte, 1) != 1) ::_exit(1);
  close_fd(ready.write);  // the parent sees end of file once all are ready or gone
  char go = 0;
  while (::read(start.read, &go, 1) < 0 && errno == EINTR) {
  }
  Grants granted;
  granted.fill(-1);  // -1: the store failed
  try {
    if (store) granted = take_all(*store);
  } catch (...) {
  }
  // Smaller than PIPE_BUF: the siblings' reports never interleave.
  const ssize_t written = ::write(results.write, granted.data(), sizeof granted);
  ::_exit(written == static_cast<ssize_t>(sizeof granted) ? 0 : 1);
}

// Reads what the children write to `fd` until every one of them closed it.
std::vector<Grants> read_reports(int fd) {
  std::vector<Grants> reports;
  Grants report{};
  ssize_t got = 0;
  while ((got = ::read(fd, report.data(), sizeof report)) != 0) {
    if (got < 0 && errno == EINTR) continue;
    BOOST_REQUIRE(got == static_cast<ssize_t>(sizeof report));
    reports.push_back(report);
  }
  return reports;
}

// Returns when `count` children said they are ready (or every one has gone).
void await_ready(int fd, int count) {
  char byte = 0;
  for (int ready = 0; ready < count;) {
    const ssize_t got = ::read(fd, &byte, 1);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return;
    ++ready;
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sqlite_budget_store_contention)

BOOST_AUTO_TEST_CASE(six_processes_taking_at_once_are_granted_exactly_the_limit_in_total) {
  constexpr int kProcesses = 6;
  test::TempDir dir("cibatch-budget");
  const std::string path = dir.file("budget.db");
  Pipe ready;
  Pipe start;
  Pipe results;
  Children children;
  for (int i = 0; i < kProcesses; ++i) {
    const pid_t pid = ::fork();
    BOOST_REQUIRE(pid >= 0);
    if (pid == 0) run_child(path, ready, start, results);
    children.running.push_back(pid);
  }
  close_fd(ready.write);
  close_fd(results.write);
  await_ready(ready.read, kProcesses);
  close_fd(start.write);  // every child starts taking at once

  const std::vector<Grants> reports = read_reports(results.read);
  while (!children.running.empty()) {
    int status = 0;
    BOOST_REQUIRE(::waitpid(children.running.back(), &status, 0) > 0);
    children.running.pop_back();
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }

  BOOST_REQUIRE(reports.size() == static_cast<std::size_t>(kProcesses));
  for (int identity = 0; identity < kIdentities; ++identity) {
    int total = 0;
    for (const Grants& report : reports) {
      BOOST_TEST(report[identity] >= 0);  // the store opened and every take answered
      total += report[identity];
    }
    BOOST_TEST(total == kLimit, "identity " << identity);
  }
}

BOOST_AUTO_TEST_CASE(threads_sharing_one_store_are_granted_exactly_the_limit_in_total) {
  test::TempDir dir("cibatch-budget");
  ManualClock clock;
  SqliteBudgetStore store(dir.file("budget.db"), "", kBusyTimeoutMs, clock);
  std::array<std::atomic<int>, kIdentities> totals{};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&store, &totals, &failures] {
      try {
        const Grants granted = take_all(store);
        for (int identity = 0; identity < kIdentities; ++identity) {
          totals[identity] += granted[identity];
        }
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  BOOST_TEST(failures.load() == 0);
  for (int identity = 0; identity < kIdentities; ++identity) {
    BOOST_TEST(totals[identity].load() == kLimit, "identity " << identity);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
