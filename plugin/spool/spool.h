// The durable spool: the newest desired content of every slot, who is delivering it (leases),
// what was delivered (dedup memory) and what the host holds (remote ids), in one SQLite file in
// WAL mode shared by every process of the user on this machine (docs/ARCHITECTURE.md §4).
//
// The client keeps its working set in memory; the spool is its journal and the place where
// processes meet. A slot is pending while its newest desired order key is newer than the order
// key of the last content settled (delivered, or refused for good). Every write keeps the newest
// by order key, so writes from several processes commute.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/settings.h"
#include "model/content.h"
#include "model/order_key.h"
#include "model/remote_state.h"
#include "runtime/clock.h"
#include "spool/spool_error.h"

namespace cib {

struct SpoolOptions {
  std::string path;                 // the database file
  SyncMode sync = SyncMode::batch;  // never off here: off opens no spool
  std::string group;                // see spool_files.h
  std::int64_t retain_days = 30;    // delivered records older than this are removed
  std::int64_t busy_timeout_ms = 5000;
  std::int64_t lease_ms = 30000;  // a lease not renewed for this long may be taken over
  std::int64_t max_bytes = 0;     // 0: no cap (else SQLITE_FULL past it)
  std::string identity;           // the account this client delivers for (a hash)
  std::string api_url;            // where that account posts, recorded next to its identity
  // Told (from any thread) when accepted posts cannot be written and are kept in memory, and
  // when they are written after all. May be empty.
  std::function<void(const std::string&)> warn;

  static SpoolOptions from(const Settings& settings, const std::string& identity,
                           std::function<void(const std::string&)> warn = {});
};

// The newest desired content of one slot.
struct SpooledSlot {
  SlotId id;
  Content desired;
  OrderKey order;
  bool gating = false;
};

struct DeliveredRecord {
  Content content;
  OrderKey order;
  std::int64_t wall_ns = 0;  // when it was delivered
};

// What claim() found: the lease, and everything the spool knows of the slot.
struct Claim {
  bool acquired = false;
  std::uint64_t token = 0;                   // fencing token of the lease, when acquired
  std::int64_t held_until_ns = 0;            // not acquired: wall time the other owner's lease ends
  std::optional<SpooledSlot> newest;         // the newest desired content, when pending
  std::optional<DeliveredRecord> delivered;  // the last delivered content
  std::optional<RemoteState> remote;         // what the host holds, when known
};

class Spool {
 public:
  // Opens (creating when missing) the file: checks the filesystem, creates the directory and
  // sets modes, enables WAL, migrates the schema, starts the group-commit thread (batch).
  // Throws SpoolError naming the path and the fix; never deletes or rewrites a file it cannot
  // read.
  static std::unique_ptr<Spool> open(const SpoolOptions& options, const Clock& clock);
  virtual ~Spool() = default;  // commits what is queued, stops the thread, closes

  // The post path. Records the newest desired content of a slot, kept only when `order` is
  // newer than the spool's. With sync always, or `durable_now` (gating updates), returns once
  // it is on disk; with batch, it is queued and committed within 10 ms. Thread-safe and cheap
  // when queued. Throws SpoolError (full, read_only, io) when this write failed, when the
  // entry does not fit in the room left (spool.max_mb, or the disk: room is reserved when an
  // entry is queued), or when an earlier group commit failed and the retry now fails too: the
  // caller must not count the update as accepted. An entry accepted is never dropped: when its
  // group commit fails after all, it stays queued, claim() and known() see it, the commit is
  // retried and `warn` is told.
  virtual void journal(const SlotId& id, const Content& content, const OrderKey& order, bool gating,
                       bool durable_now) = 0;

  // Start-up and rescans: the slots of this identity whose newest content is not settled, of
  // those written at or after `changed_since_ns` (wall clock).
  virtual std::vector<SpooledSlot> pending(std::int64_t changed_since_ns) = 0;
  // Every slot of this identity with a delivered record (delivered at or after `since_wall_ns`)
  // or a remote state: a walk over the whole spool, for inspection. A client reads slot by slot
  // with known().
  virtual void for_each_known(
      std::int64_t since_wall_ns,
      const std::function<void(const SlotId&, const std::optional<DeliveredRecord>&,
                               const std::optional<RemoteState>&)>& visit) = 0;

  // What the spool knows of a slot (delivered record, remote state, newest content), read
  // without taking its lease: `acquired` is false. For a slot a process meets the first time.
  virtual Claim known(const SlotId& id) = 0;

  // Just before delivering: commits what is queued (when it can), then in one BEGIN IMMEDIATE
  // transaction takes the slot's lease for this process unless a live owner holds an unexpired
  // one (a dead owner's lease - pid gone, other boot - is taken at once), and returns what the
  // spool knows (with this process's entry that is still queued, when newer).
  virtual Claim claim(const SlotId& id) = 0;
  // Just before each request of a delivery: true, and the lease extended, when the lease with
  // `token` is still this process's; false when it was taken over.
  virtual bool renew(const SlotId& id, std::uint64_t token) = 0;
  // Just before each request too: true when the spool holds newer content for the slot than
  // `order` (another process posted it), so the delivery should restart from it.
  virtual bool newer_content_waits(const SlotId& id, const OrderKey& order) = 0;
  // Durable before it returns: what the host holds so far (a comment id, a create about to be
  // sent, annotations). Written only while the lease is held; returns false otherwise.
  virtual bool save_remote(const SlotId& id, std::uint64_t token, const RemoteState& remote) = 0;
  // After a delivery ended for good: compare-and-set. With the lease still held and `order`
  // newer than the last settled one, records `order` as settled, and, when `delivered`, the
  // delivered record (content, order, wall_ns); saves `remote`; releases the lease; an entry
  // of the slot still queued and no newer than `order` is not written any more. Returns true
  // when the slot is now settled (no newer content waits), false when newer content waits or
  // the lease was lost.
  virtual bool complete(const SlotId& id, std::uint64_t token, const OrderKey& order,
                        const Content& content, bool delivered, const RemoteState& remote,
                        std::int64_t wall_ns) = 0;
  // After a failed attempt that will be retried: saves `remote` and releases the lease; the
  // content stays pending.
  virtual void release(const SlotId& id, std::uint64_t token, const RemoteState& remote) = 0;

  // Removes delivered records older than retain_days and settled slots without a record.
  // Returns the number of rows removed.
  virtual std::size_t remove_expired() = 0;
  // Slots of this identity not settled (gating ones in `gating` when not null).
  virtual std::size_t pending_count(std::size_t* gating = nullptr) = 0;

  virtual const std::string& path() const = 0;

  // Pull mode's scanner runs that have not ended (core/sonar_puller.h), by a key of the
  // caller's; `record` is kept as given. Saved as this process's, durable before it returns.
  virtual void save_pull_task(const std::string& key, const std::string& record) = 0;
  virtual void remove_pull_task(const std::string& key) = 0;
  // In one transaction: those of this identity whose process is gone (spool/process_owner.h),
  // made this process's. Their records, oldest first.
  virtual std::vector<std::string> adopt_pull_tasks() = 0;
};

}  // namespace cib
