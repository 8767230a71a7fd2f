// The spool's group commit. Posts add the newest desired content of a slot to an in-memory
// queue (one entry per slot, newest order key wins) at the cost of a mutex and a map assignment;
// a committer thread writes whatever is queued in one transaction, at most every 10 ms. A caller
// that needs its entry on disk (sync always, gating updates) commits on its own thread and takes
// everything queued along, so concurrent callers share commits.
//
// An accepted entry is never dropped: a group commit that fails keeps its entries queued (and
// readable with queued()) until a later commit writes them or a delivery settles them. Room is
// reserved at journal() time instead, so that an accepted entry's commit does not run out of it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "model/content.h"
#include "model/order_key.h"

namespace cib {

struct JournalEntry {
  Content content;
  OrderKey order;
  bool gating = false;
  std::uint64_t seq = 0;   // when it was queued: a commit covers every seq up to its snapshot
  std::int64_t bytes = 0;  // the room it reserved until it is written
};

// Hashing beats SlotId's ordering (three string comparisons at every level of a tree) on the
// post path.
struct SlotIdHash {
  std::size_t operator()(const SlotId& id) const noexcept;
};

using JournalBatch = std::unordered_map<SlotId, JournalEntry, SlotIdHash>;

class JournalQueue {
 public:
  // Writes `batch` in one transaction, or throws (SpoolError) having written none of it.
  // `durable`: a caller waits for (part of) this batch, so the commit must reach the disk
  // (fsync) before the writer returns. Always called with the database mutex held.
  using Writer = std::function<void(const JournalBatch& batch, bool durable)>;

  // `db_mutex` guards the connection `write` uses; it must outlive the queue.
  JournalQueue(std::mutex& db_mutex, Writer write);
  ~JournalQueue();  // stop()
  JournalQueue(const JournalQueue&) = delete;
  JournalQueue& operator=(const JournalQueue&) = delete;

  // Starts the committer thread ("cib-spool"). Without it, only synchronous journal() calls,
  // commit_locked() and stop() write.
  void start_committer();
  // Stops the committer and commits what is queued; errors are dropped (nobody is left to
  // tell). Idempotent. Call it before the writer's connection goes away.
  void stop() noexcept;

  // Queues the entry (kept only when newer than the slot's queued one), reserving `bytes` of
  // the room. Returns false, queuing nothing, when the room left (see set_room) is smaller.
  // With `sync`, or after a failed group commit, commits before returning and throws that
  // commit's SpoolError; the entry is then withdrawn, so a caller that sees the error may forget
  // the update.
  bool journal(const SlotId& id, const Content& content, const OrderKey& order, bool gating,
               bool sync, std::int64_t bytes = 0);

  // How many bytes entries not yet written may reserve in all; negative: no limit. The owner
  // sets it after each write, from what the file and the disk have left.
  void set_room(std::int64_t bytes);

  // The entry of `id` that is not written yet, if any (after a failed commit, say).
  std::optional<JournalEntry> queued(const SlotId& id);
  // A delivery settled `id` up to `order`: a queued entry no newer needs no writing any more.
  void forget_settled(const SlotId& id, const OrderKey& order);
  // Entries accepted and not written yet, and whether the last commit failed.
  std::size_t unwritten(bool* failing = nullptr);

  // Called with a sentence when a background commit starts failing (its error) and when the
  // entries it kept are written after all; set before start_committer().
  void on_trouble(std::function<void(const std::string&)> tell) { tell_ = std::move(tell); }

  // Commits what is queued. The caller holds the database mutex. Throws SpoolError, keeping the
  // entries queued for the next attempt.
  void commit_locked(bool durable);

 private:
  void run_committer();
  bool commit_in_background();
  void withdraw(const SlotId& id, std::uint64_t seq, JournalEntry* displaced);
  void requeue(JournalBatch& batch, bool durable);
  void release_bytes(std::int64_t bytes);  // queue_mutex_ held

  std::mutex& db_mutex_;
  Writer write_;
  std::uint64_t durable_seq_ = 0;  // every seq up to it is written; guarded by db_mutex_

  std::mutex queue_mutex_;  // guards the members below; never held while writing
  std::condition_variable wake_;
  JournalBatch entries_;
  std::uint64_t next_seq_ = 0;
  bool durable_queued_ = false;  // an entry queued has a caller waiting for the disk
  bool failed_ = false;          // the last commit failed: journal() commits synchronously
  bool stopping_ = false;
  std::int64_t reserved_ = 0;  // bytes of entries accepted and not written yet
  std::int64_t room_ = -1;     // what they may reserve in all; negative: no limit
  bool told_trouble_ = false;  // tell_ heard of the failure that is going on
  std::function<void(const std::string&)> tell_;

  std::thread committer_;
};

}  // namespace cib
