// Shared by the shared spool tests: two "machines" of one identity - each its own local SQLite
// spool in its own directory and its own SharedSpool - over a real redis-server, on one clock
// the test moves.
#pragma once

#include <csignal>
#include <memory>
#include <string>
#include <vector>

#include "redis_server.h"
#include "runtime/clock.h"
#include "spool/codec.h"
#include "spool/shared_spool.h"
#include "store_fixtures.h"
#include "temp_dir.h"

namespace cib::test {

inline const char* const kSharedIdentity = "identity-a";
inline const char* const kRedisPassword = "spool-secret-7";

// Order keys of the process on machine `machine`: a later `n` is newer, whatever the machine.
inline OrderKey order_on(std::uint64_t machine, std::int64_t n) {
  OrderKey key = order_at(n);
  key.machine = machine;
  return key;
}

// One agent: a local spool in its own directory, shared through Redis.
struct Machine {
  Machine(const std::string& url, const Clock& clock) {
    SpoolOptions options = spool_options(dir);
    options.identity = kSharedIdentity;
    spool = std::make_unique<SharedSpool>(
        Spool::open(options, clock), url, kSharedIdentity, options.lease_ms, clock,
        [this](const std::string& line) { warnings.push_back(line); });
  }

  // Journals `content` at `order` durably and claims the slot.
  Claim post_and_claim(const SlotId& id, const Content& content, const OrderKey& order) {
    spool->journal(id, content, order, true, true);
    return spool->claim(id);
  }

  TempDir dir;
  std::vector<std::string> warnings;
  std::unique_ptr<SharedSpool> spool;
};

struct TwoMachines : SigpipeIgnored {
  // The Redis lease of a slot, as the layout of shared_spool_scripts.h names it.
  std::string lease_key(const SlotId& id) const {
    return std::string("cibatch:spool:") + kSharedIdentity + ":" + encode_slot_key(id) + ":lease";
  }

  // What Redis holds, as a machine that never met the slot sees it after posting content at
  // `order`: the content is pending only when Redis settled an older order key.
  Claim outsider_view(const SlotId& id, const OrderKey& order) {
    Machine outsider{server.url(), clock};
    outsider.spool->journal(id, status(BuildState::inprogress, "outsider"), order, true, true);
    return outsider.spool->known(id);
  }

  RedisServer server{kRedisPassword};
  ManualClock clock;
  Machine a{server.url(), clock};
  Machine b{server.url(), clock};
};

}  // namespace cib::test
