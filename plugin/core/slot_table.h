// The slot table: the newest desired content of every remote object, what was delivered, and
// which post calls wait for a delivery report. Not thread-safe: the client's mutex guards it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/coalescer.h"
#include "core/delivery_report.h"
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

enum class AcceptResult { queued, unchanged, queue_full };

class SlotTable {
 public:
  SlotTable(const BatchingRules& rules, std::int64_t dedup_trust_s, std::size_t max_pending,
            const Clock& clock, Stats& stats);

  // Takes one post. An update equal to what this identity delivered within the trust period is
  // answered at once (UNCHANGED report appended to `reports`). A new pending slot past
  // max_pending is refused; updates to slots already pending are always taken.
  AcceptResult accept(Update update, std::uint64_t counter, std::vector<DeliveryReport>& reports);

  // The slot to deliver at `now`, or nullptr: due slots, gating ones first, then the earliest.
  Slot* next_due(TimePoint now);
  // When the earliest pending slot falls due; nullopt when nothing is pending.
  std::optional<TimePoint> next_wake();

  // Whether `content` needs no request: it equals what was delivered within the trust period.
  bool is_unchanged(const Slot& slot, const Content& content) const;

  // A flush makes the slots pending with its tag (0: every slot) due at once until they are
  // settled, and, while it waits, also slots that receive a post of its tag meanwhile.
  void begin_flush(std::uint64_t tag);
  void end_flush(std::uint64_t tag);
  // Slots with a post of `tag` (0: any) not yet settled.
  std::size_t unsettled(std::uint64_t tag) const;
  std::size_t pending_count() const { return pending_.size(); }

  // The delivery of the content with order counter `seq` ended. Posts up to `seq` get their
  // reports (older ones SUPERSEDED); the slot stays pending only if it holds newer content.
  void settle(Slot& slot, std::uint64_t seq, Outcome outcome, int http_status,
              const std::string& message, std::vector<DeliveryReport>& reports);
  // Records a delivered content (dedup memory).
  void record_delivered(Slot& slot, const Content& content);

  // Forgets delivered content older than the trust period, which can no longer save a request:
  // settled status slots go entirely (a status POST needs no remote state); comments and
  // reports keep their remote state (comment id, annotations on the host) and drop the content.
  // Returns how many slots were removed.
  std::size_t expire_delivered();
  std::size_t slot_count() const { return slots_.size(); }

 private:
  bool is_flushed(const Slot& slot) const;

  BatchingRules rules_;
  std::int64_t trust_ns_;
  std::size_t max_pending_;
  const Clock& clock_;
  Stats& stats_;
  std::map<SlotId, Slot> slots_;
  std::set<Slot*> pending_;
  std::multiset<std::uint64_t> flushing_;
};

}  // namespace cib
