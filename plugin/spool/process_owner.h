// Who holds a lease: a process on this boot of this machine. A pid alone is not enough (pids
// are reused, and a reboot resets them), so the owner is (boot id, pid, process start time).
#pragma once

#include <cstdint>
#include <string>

namespace cib {

struct ProcessOwner {
  std::string boot_id;  // /proc/sys/kernel/random/boot_id
  std::int64_t pid = 0;
  std::int64_t start_time = 0;  // field 22 of /proc/PID/stat (clock ticks since boot)

  bool operator==(const ProcessOwner& o) const {
    return boot_id == o.boot_id && pid == o.pid && start_time == o.start_time;
  }
};

// This process. Cheap after the first call for a given pid (re-read after fork()).
ProcessOwner current_process_owner();

// True when `owner` surely no longer runs: another boot, no such pid, or a pid reused by a
// process that started at another time. False when it may still run (also when unsure).
bool owner_is_gone(const ProcessOwner& owner);

// A stable 64-bit hash of /etc/machine-id (or the boot id where there is none): the `machine`
// part of order keys.
std::uint64_t machine_id_hash();

}  // namespace cib
