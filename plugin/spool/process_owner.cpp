// Lease owners from /proc: the boot id tells reboots apart, the start time tells a reused pid
// from the process that took the lease.
#include "spool/process_owner.h"

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "runtime/sha256.h"
#include "spool/spool_error.h"

namespace cib {

namespace {

std::optional<std::string> read_first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ' || line.back() == '\r')) {
    line.pop_back();
  }
  return line;
}

std::string read_boot_id() {
  std::optional<std::string> id = read_first_line("/proc/sys/kernel/random/boot_id");
  if (!id || id->empty()) {
    throw SpoolError(SpoolError::Kind::io,
                     "cannot read /proc/sys/kernel/random/boot_id, which spool leases need: "
                     "is /proc mounted?");
  }
  return *id;
}

const std::string& boot_id() {
  static const std::string id = read_boot_id();  // one boot per process lifetime
  return id;
}

// Field 22 of /proc/PID/stat. Field 2 is "(comm)", and comm may hold spaces and ')', so the
// fields are counted from the last ')'.
std::optional<std::int64_t> start_time_of(std::int64_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  if (!in) return std::nullopt;
  const std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t comm_end = stat.rfind(')');
  if (comm_end == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(comm_end + 1));
  std::string field;
  for (int number = 3; number < 22; ++number) {
    if (!(fields >> field)) return std::nullopt;
  }
  std::int64_t start = 0;
  if (!(fields >> start)) return std::nullopt;
  return start;
}

}  // namespace

ProcessOwner current_process_owner() {
  // Cached per pid so that a forked child reads its own start time. Two atomics suffice: a
  // thread that sees this pid also sees the start time stored before it, and threads of one
  // process only ever store the same values.
  static std::atomic<std::int64_t> cached_pid{0};
  static std::atomic<std::int64_t> cached_start{0};
  ProcessOwner owner;
  owner.boot_id = boot_id();
  owner.pid = static_cast<std::int64_t>(::getpid());
  if (cached_pid.load(std::memory_order_acquire) == owner.pid) {
    owner.start_time = cached_start.load(std::memory_order_relaxed);
    return owner;
  }
  const std::optional<std::int64_t> start = start_time_of(owner.pid);
  if (!start) {
    throw SpoolError(SpoolError::Kind::io, "cannot read this process's start time from /proc/" +
                                               std::to_string(owner.pid) +
                                               "/stat, which spool leases need");
  }
  owner.start_time = *start;
  cached_start.store(*start, std::memory_order_relaxed);
  cached_pid.store(owner.pid, std::memory_order_release);
  return owner;
}

bool owner_is_gone(const ProcessOwner& owner) {
  if (owner.boot_id != boot_id()) return true;
  // kill() reads pid 0 and negative pids as process groups: no lease holder has such a pid.
  if (owner.pid <= 0 || owner.pid > INT_MAX) return true;
  const pid_t pid = static_cast<pid_t>(owner.pid);
  if (::kill(pid, 0) != 0 && errno == ESRCH) return true;  // EPERM: it runs as another user
  const std::optional<std::int64_t> start = start_time_of(owner.pid);
  if (start) return *start != owner.start_time;
  // Unreadable: it exited meanwhile, or /proc hides other users' processes (hidepid).
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

std::uint64_t machine_id_hash() {
  static const std::uint64_t hash = [] {
    std::optional<std::string> id = read_first_line("/etc/machine-id");
    if (!id || id->empty()) id = read_first_line("/var/lib/dbus/machine-id");
    if (!id || id->empty()) id = boot_id();
    return std::stoull(sha256_hex(*id).substr(0, 16), nullptr, 16);
  }();
  return hash;
}

}  // namespace cib
