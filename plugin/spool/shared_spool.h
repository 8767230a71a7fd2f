// The spool of an agent that shares its slots with other machines (budget.shared): every agent
// keeps its own local spool, and the cross-machine part - order keys, leases, delivered records
// and remote ids - is also kept in Redis (redis_slot_records.h), so that agents on different
// machines never create the same keyed comment twice, the newest content of a slot wins, and a
// re-run on another machine costs no request when nothing changed (docs/ARCHITECTURE.md §4).
//
// The post path (journal) and the walks (pending, for_each_known, pending_count,
// remove_expired) are the local spool's alone: they never wait for Redis. What a delivery asks
// (known, claim, renew, newer_content_waits, save_remote, complete, release) is the local
// spool's answer merged with Redis' record of the slot. While Redis does not answer, the local
// spool answers alone (said once through `warn`); nothing throws because of Redis.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "config/settings.h"
#include "runtime/clock.h"
#include "spool/redis_slot_records.h"
#include "spool/spool.h"

namespace cib {

class SharedSpool final : public Spool {
 public:
  // `local`: the machine's spool, owned from now on. `redis_url`: budget.shared (throws
  // RedisError, Kind::config, when it cannot be used; no connection is made here).
  // `identity`: the account the records are kept for. `lease_ms`: how long a Redis lease lasts
  // unless renewed (spool.lease_ms). `clock` must outlive the object; `warn` gets one line when
  // Redis is lost and one when it is back, on the calling thread. Records expire `retain_days`
  // after their last write; `timeout` bounds each Redis call.
  SharedSpool(std::unique_ptr<Spool> local, const std::string& redis_url,
              const std::string& identity, std::int64_t lease_ms, const Clock& clock,
              std::function<void(const std::string&)> warn, std::int64_t retain_days = 30,
              std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));

  void journal(const SlotId& id, const Content& content, const OrderKey& order, bool gating,
               bool durable_now) override;
  std::vector<SpooledSlot> pending(std::int64_t changed_since_ns) override;
  void for_each_known(std::int64_t since_wall_ns,
                      const std::function<void(const SlotId&, const std::optional<DeliveredRecord>&,
                                               const std::optional<RemoteState>&)>& visit) override;
  Claim known(const SlotId& id) override;
  Claim claim(const SlotId& id) override;
  bool renew(const SlotId& id, std::uint64_t token) override;
  bool newer_content_waits(const SlotId& id, const OrderKey& order) override;
  bool save_remote(const SlotId& id, std::uint64_t token, const RemoteState& remote) override;
  bool complete(const SlotId& id, std::uint64_t token, const OrderKey& order,
                const Content& content, bool delivered, const RemoteState& remote,
                std::int64_t wall_ns) override;
  void release(const SlotId& id, std::uint64_t token, const RemoteState& remote) override;
  std::size_t remove_expired() override;
  std::size_t pending_count(std::size_t* gating) override;
  const std::string& path() const override { return local_->path(); }
  void save_pull_task(const std::string& key, const std::string& record) override;
  void remove_pull_task(const std::string& key) override;
  std::vector<std::string> adopt_pull_tasks() override;

 private:
  // A local lease this process holds, and the Redis lease taken with it ("" when the claim
  // found Redis away).
  struct HeldLease {
    std::uint64_t token = 0;
    std::string redis_lease;
  };

  void settle_locally(const SlotId& id, Claim& claim, const SharedRecord& record);
  void remember(const SlotId& id, std::uint64_t token, std::string redis_lease);
  std::optional<std::string> redis_lease(const SlotId& id, std::uint64_t token);
  std::optional<std::string> forget(const SlotId& id, std::uint64_t token);

  std::unique_ptr<Spool> local_;
  const Clock& clock_;
  RedisSlotRecords redis_;
  std::mutex mutex_;                         // guards leases_
  std::map<std::string, HeldLease> leases_;  // by slot key
};

// The spool a client uses: `local` as it is when settings.budget_shared is empty (or `local`
// is null: no spool), else a SharedSpool over it keeping its records in that Redis.
std::unique_ptr<Spool> share_spool(std::unique_ptr<Spool> local, const Settings& settings,
                                   const std::string& identity, const Clock& clock,
                                   std::function<void(const std::string&)> warn);

}  // namespace cib
