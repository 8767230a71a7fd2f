// The slot table: the newest desired content of every remote object, what was delivered, and
// which post calls wait for a delivery report. Pending slots are indexed by the time they fall
// due, so finding the next one costs O(log n) with a million pending. Not thread-safe: the
// client's mutex guards it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/coalescer.h"
#include "core/delivery_report.h"
#include "core/due_heap.h"
#include "core/slot.h"
#include "core/stats.h"
#include "runtime/clock.h"

namespace cib {

struct Update {
  SlotId id;
  Content content;
  std::uint64_t tag = 0;
  bool force = false;
};

enum class AcceptResult { queued, unchanged, queue_full, superseded };

// What a post would do, decided before it is written to the spool.
struct AcceptPlan {
  AcceptResult result = AcceptResult::queued;
  bool gating = false;
};

class SlotTable {
 public:
  SlotTable(const BatchingRules& rules, std::int64_t dedup_trust_s, std::size_t max_pending,
            const Clock& clock, Stats& stats);

  // Whether an update would be taken (queued), answered at once (unchanged: equal to what this
  // identity delivered within the trust period) or refused (queue_full), and if gating.
  AcceptPlan plan(const Update& update) const;

  // Takes one post with this process's counter `seq` and order key `order`. An update equal to
  // what was delivered within the trust period is answered at once (UNCHANGED report). A new
  // pending slot past max_pending is refused; updates to slots already pending are always
  // taken. An update older than the slot's newest (a racing thread) is SUPERSEDED at once.
  AcceptResult accept(Update update, std::uint64_t seq, const OrderKey& order,
                      std::vector<DeliveryReport>& reports);

  // A slot found pending in the spool (left by an earlier or another process), or, with seq 0,
  // one to claim again. With a counter `seq`, a post of tag 0 waits for it, so its delivery is
  // reported like any other. A slot pending here already is left as it is.
  void resume(const SlotId& id, Content desired, const OrderKey& order, bool gating,
              std::uint64_t seq = 0);
  // A delivered record or remote state found in the spool at start-up.
  void remember(const SlotId& id, std::unique_ptr<Content> delivered, std::int64_t wall_ns,
                std::unique_ptr<RemoteState> remote);
  // Newer content of a slot written by another process (found in the spool).
  void adopt(Slot& slot, Content desired, const OrderKey& order, bool gating);

  // The slot to deliver at `now`, or nullptr: due slots, gating ones first, then the earliest.
  Slot* next_due(TimePoint now);
  // When the earliest pending slot falls due; nullopt when nothing is pending.
  std::optional<TimePoint> next_wake() const;
  // A retry: the slot is not due before `not_before`.
  void postpone(Slot& slot, TimePoint not_before);
  // Postpones a slot the budget refused at its priority now: if newer content makes it gating,
  // the wait no longer holds it (gating has room of its own).
  void postpone_for_budget(Slot& slot, TimePoint not_before);

  Slot* find(const SlotId& id);
  // Whether `content` needs no request: it equals what was delivered within the trust period.
  bool is_unchanged(const Slot& slot, const Content& content) const;

  // A flush makes the slots pending with its tag (0: every slot) due at once until they are
  // settled, and, while it waits, also slots that receive a post of its tag meanwhile.
  void begin_flush(std::uint64_t tag);
  void end_flush(std::uint64_t tag);
  // Slots with a post of `tag` not yet settled; tag 0: every pending slot.
  std::size_t unsettled(std::uint64_t tag) const;
  std::size_t pending_count() const { return due_gating_.size() + due_other_.size(); }
  std::size_t gating_pending() const { return due_gating_.size(); }
  // Gating slots with a post of `tag` not yet settled; tag 0: every pending gating slot.
  std::size_t gating_unsettled(std::uint64_t tag) const;

  // The delivery of the content with counter `seq` ended. Posts up to `seq` get their reports
  // (older ones SUPERSEDED, and all of them when `foreign`: the content sent was another
  // process's); the slot stays pending only if it holds newer content.
  void settle(Slot& slot, std::uint64_t seq, Outcome outcome, int http_status,
              const std::string& message, std::vector<DeliveryReport>& reports,
              bool foreign = false);
  // Records a delivered content (dedup memory).
  void record_delivered(Slot& slot, const Content& content);

  // Forgets delivered content older than the trust period, which can no longer save a request:
  // settled status slots go entirely (a status POST needs no remote state); comments and
  // reports keep their remote state (comment id, annotations on the host) and drop the content.
  // Returns how many slots were removed.
  std::size_t expire_delivered();
  std::size_t slot_count() const { return slots_.size(); }

 private:
  Slot& slot_for(const SlotId& id);
  AcceptResult admission(const Slot* slot, const Update& update) const;
  bool is_flushed(const Slot& slot) const;
  void add_post(Slot& slot, std::uint64_t tag, std::uint64_t seq);
  void drop_posts_up_to(Slot& slot, std::uint64_t seq);
  void unindex(Slot& slot);
  void reindex(Slot& slot);

  BatchingRules rules_;
  std::int64_t trust_ns_;
  std::size_t max_pending_;
  const Clock& clock_;
  Stats& stats_;
  // Ordered by the slot's own id (looked up by SlotId), so the id is stored once.
  struct ById {
    using is_transparent = void;
    bool operator()(const std::unique_ptr<Slot>& a, const std::unique_ptr<Slot>& b) const {
      return a->id < b->id;
    }
    bool operator()(const std::unique_ptr<Slot>& a, const SlotId& b) const { return a->id < b; }
    bool operator()(const SlotId& a, const std::unique_ptr<Slot>& b) const { return a < b->id; }
  };
  std::set<std::unique_ptr<Slot>, ById> slots_;
  DueHeap due_gating_;
  DueHeap due_other_;
  std::map<std::uint64_t, std::size_t> slots_by_tag_;  // slots with unsettled posts of a tag
  std::multiset<std::uint64_t> flushing_;
};

}  // namespace cib
