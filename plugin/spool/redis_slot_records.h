// The part of the spool that machines share through Redis (budget.shared): per slot, the newest
// order key claimed and settled, the delivered record, the remote state and a lease with a
// fencing token (layout and rules in shared_spool_scripts.h). SharedSpool is the only user.
//
// Redis is a meeting place, never a requirement: every call returns nullopt when Redis was not
// asked (it failed less than a second ago) or did not answer within the connection's timeout.
// The first failure is told through `warn` once, and so is the first answer after it; in
// between Redis is asked again at most once a second. Nothing here throws for Redis.
// Safe to call from any thread (one Redis connection per thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "redis/redis_connection.h"
#include "redis/redis_url.h"
#include "runtime/clock.h"
#include "spool/spool.h"

namespace cib {

// What Redis holds of one slot.
struct SharedRecord {
  std::optional<OrderKey> settled;
  std::optional<DeliveredRecord> delivered;
  std::optional<RemoteState> remote;
};

struct SharedClaim {
  enum class Status {
    taken,   // the lease is this process's: `lease` names it
    busy,    // another machine holds it, or has newer content to send: wait `wait_ms`
    settled  // Redis settled an order key at least as new as ours: nothing to send
  };
  Status status = Status::busy;
  std::int64_t wait_ms = 0;
  std::string lease;
  SharedRecord record;
};

class RedisSlotRecords {
 public:
  using Warn = std::function<void(const std::string&)>;

  // `url`: budget.shared; throws RedisError (Kind::config) when it cannot be used (no
  // connection is made here). Records live under "cibatch:spool:<identity>:", leases for
  // `lease_ms`, records for `retain_days` after their last write. `clock` must outlive this.
  RedisSlotRecords(const std::string& url, const std::string& identity, std::int64_t lease_ms,
                   std::int64_t retain_days, const Clock& clock, Warn warn,
                   std::chrono::milliseconds timeout);

  // Records `ours` (the local newest order key; none: nothing to send) as the slot's desired
  // order key and takes the lease (shared_claim_script).
  std::optional<SharedClaim> claim(const SlotId& id, const std::optional<OrderKey>& ours);
  // The record, without touching the lease.
  std::optional<SharedRecord> read(const SlotId& id);
  // Extends the lease `lease` ("" = none held: only while nobody holds it) and, when given,
  // writes `remote`. False when the lease belongs to someone else.
  std::optional<bool> hold(const SlotId& id, const std::string& lease,
                           const std::optional<RemoteState>& remote);
  // Writes `remote` and releases the lease when `lease` holds it.
  void release(const SlotId& id, const std::string& lease, const RemoteState& remote);
  // The compare-and-set of Spool::complete: 1 settled, 0 newer content waits elsewhere, -1 the
  // lease was lost.
  std::optional<int> complete(const SlotId& id, const std::string& lease, const OrderKey& order,
                              const Content& content, bool delivered, const RemoteState& remote,
                              std::int64_t wall_ns);
  // True when another machine claimed content newer than `order` that is not settled yet.
  std::optional<bool> newer_waits(const SlotId& id, const OrderKey& order,
                                  const std::string& lease);

 private:
  template <typename Ask>
  auto attempt(Ask&& ask) -> std::optional<decltype(ask(std::declval<RedisConnection&>()))>;
  bool ready();
  void answered();
  void lost(const std::string& why);
  std::string key(const SlotId& id) const;

  RedisUrl url_;
  std::string prefix_;
  std::string owner_;  // written into every lease this object takes
  std::int64_t lease_ms_;
  std::int64_t retain_ms_;
  const Clock& clock_;
  Warn warn_;
  RedisConnectionPool pool_;
  const RedisScript claim_script_;
  const RedisScript hold_script_;
  const RedisScript release_script_;
  const RedisScript complete_script_;
  const RedisScript waits_script_;
  std::mutex mutex_;  // guards the two below
  bool answering_ = true;
  TimePoint next_attempt_{};
};

}  // namespace cib
