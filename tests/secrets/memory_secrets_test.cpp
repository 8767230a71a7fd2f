// A process's memory (as a core dump would hold it, read through /proc/PID/mem while the
// process is stopped) holds no copy of the token, in plain text or base64, while a client is
// open and idle after delivering: the credential is kept masked, every plain copy made to
// send a request or redact a line is wiped, Poco's request header value is overwritten, and
// the dispatcher overwrites its stack before it sleeps. The token comes from a token file, so
// that no one but the library reads it.
//
// After the client and the configuration are destroyed, one copy is still found on the exited
// dispatcher thread's stack (which the C library keeps for the next thread); that phase is
// reported, not asserted. The process is then killed (SIGKILL): its spool and budget files
// hold no secret.
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "child_process.h"
#include "forge_sim.h"
#include "secret_values.h"
#include "temp_dir.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define CIB_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CIB_SANITIZED 1
#endif

namespace cib::test {
namespace {

// A sanitizer's allocator keeps freed memory aside on purpose (and maps shadow memory of
// terabytes): the memory is searched in a plain build only.
#ifdef CIB_SANITIZED
constexpr bool kSearchMemory = false;
#else
constexpr bool kSearchMemory = true;
#endif
// A region larger than this is not the process's data (a sanitizer's shadow, say).
constexpr std::uint64_t kLargestRegion = 1ull << 30;

constexpr std::chrono::milliseconds kWait{30000};

// The names of the secret forms found in pid's readable memory, read while it is stopped.
std::set<std::string> secrets_in_memory(pid_t pid) {
  BOOST_TEST_REQUIRE(::kill(pid, SIGSTOP) == 0);
  int status = 0;
  BOOST_TEST_REQUIRE(::waitpid(pid, &status, WUNTRACED) == pid);
  std::set<std::string> found;
  std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
  std::ifstream mem("/proc/" + std::to_string(pid) + "/mem", std::ios::binary);
  std::string line;
  std::size_t bytes = 0;
  while (std::getline(maps, line)) {
    std::istringstream fields(line);
    std::string range, perms;
    fields >> range >> perms;
    if (perms[0] != 'r' || line.find("[vvar]") != std::string::npos ||
        line.find("[vsyscall]") != std::string::npos) {
      continue;
    }
    const std::size_t dash = range.find('-');
    const std::uint64_t start = std::stoull(range.substr(0, dash), nullptr, 16);
    const std::uint64_t end = std::stoull(range.substr(dash + 1), nullptr, 16);
    if (end - start > kLargestRegion) continue;
    std::string region(end - start, '\0');
    mem.clear();
    mem.seekg(static_cast<std::streamoff>(start));
    mem.read(region.data(), static_cast<std::streamsize>(region.size()));
    region.resize(static_cast<std::size_t>(std::max<std::streamsize>(mem.gcount(), 0)));
    bytes += region.size();
    for (const std::string& name : secrets_in(region)) found.insert(name);
  }
  BOOST_TEST(bytes > 1000000u, "read " << bytes << " bytes of memory");
  ::kill(pid, SIGCONT);
  return found;
}

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// True while pid's dispatcher thread waits in a futex (202: sleeping until something is due).
bool dispatcher_sleeps(pid_t pid) {
  const std::string tasks = "/proc/" + std::to_string(pid) + "/task/";
  for (const auto& task : std::filesystem::directory_iterator(tasks)) {
    const std::string dir = task.path().string() + "/";
    if (first_line(dir + "comm") != "cib-dispatch") continue;
    return first_line(dir + "syscall").rfind("202 ", 0) == 0;
  }
  return false;
}

// The flush has returned, but the dispatcher may still be finishing the delivery (its report,
// its log line): wait, with a deadline, until it sleeps in two readings 20 ms apart.
void wait_until_dispatcher_sleeps(pid_t pid) {
  const auto deadline = std::chrono::steady_clock::now() + kWait;
  int asleep = 0;
  while (asleep < 2 && std::chrono::steady_clock::now() < deadline) {
    asleep = dispatcher_sleeps(pid) ? asleep + 1 : 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // between two readings
  }
  BOOST_TEST_REQUIRE(asleep == 2, "the dispatcher went to sleep");
}

void check_memory(pid_t pid, const std::string& when) {
  if (!kSearchMemory) {
    BOOST_TEST_MESSAGE("memory not searched " << when << ": a sanitizer's build");
    return;
  }
  for (const std::string& name : secrets_in_memory(pid)) {
    BOOST_ERROR("the process's memory " << when << " holds the " << name);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(memory_secrets)

BOOST_AUTO_TEST_CASE(no_plain_token_in_memory_while_idle_or_after_destroy) {
  TempDir dir;
  ForgeSimOptions options;
  options.require_token = secrets().token;
  ForgeSim sim(options);
  std::ofstream(dir.file("token")) << secrets().token << "\n";
  std::ofstream(dir.file("config.yml"))
      << "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: " << sim.api_url()
      << "\n    auth: { type: bearer, token_file: " << dir.file("token") << " }\n"
      << "  batching: { linger_ms: 0, terminal_linger_ms: 0 }\n"
      << "  spool: { path: " << dir.file("spool.db") << " }\n"
      << "  budget: { path: " << dir.file("budget.db") << " }\n";
  ChildProcess holder({CIB_SECRET_HOLDER, dir.file("config.yml")}, true);
  BOOST_TEST_REQUIRE(holder.read_line(kWait) == "delivered");
  BOOST_TEST(sim.stats()->getValue<int>("requests") == 1);
  wait_until_dispatcher_sleeps(holder.pid());
  check_memory(holder.pid(), "with the client open and idle after delivering");

  ::kill(holder.pid(), SIGUSR1);
  BOOST_TEST_REQUIRE(holder.read_line(kWait) == "destroyed");
  for (const std::string& name :
       kSearchMemory ? secrets_in_memory(holder.pid()) : std::set<std::string>()) {
    BOOST_TEST_MESSAGE("after destroy, the process's memory still holds the " << name);
  }

  ::kill(holder.pid(), SIGKILL);
  holder.wait();
  check_database_clean(dir.file("spool.db"));
  check_database_clean(dir.file("budget.db"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
