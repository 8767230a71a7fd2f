// Every update carries an order key, so that the host ends holding the newest content of every
// slot: an older content is never sent after a newer one.
#pragma once

#include <cstdint>
#include <tuple>

namespace cib {

struct OrderKey {
  std::int64_t wall_ns = 0;   // wall clock at acceptance
  std::uint64_t machine = 0;  // machine id hash (spool and Redis compare across machines)
  std::uint32_t pid = 0;
  std::uint64_t counter = 0;  // strictly increasing within a process

  bool operator<(const OrderKey& o) const {
    return std::tie(wall_ns, machine, pid, counter) <
           std::tie(o.wall_ns, o.machine, o.pid, o.counter);
  }
  bool operator==(const OrderKey& o) const {
    return wall_ns == o.wall_ns && machine == o.machine && pid == o.pid && counter == o.counter;
  }
};

}  // namespace cib
