#include "core/slot_table.h"

#include <algorithm>
#include <utility>

namespace cib {

SlotTable::SlotTable(const BatchingRules& rules, std::int64_t dedup_trust_s,
                     std::size_t max_pending, const Clock& clock, Stats& stats)
    : rules_(rules),
      trust_ns_(dedup_trust_s * 1'000'000'000LL),
      max_pending_(max_pending),
      clock_(clock),
      stats_(stats) {}

bool SlotTable::is_unchanged(const Slot& slot, const Content& content) const {
  if (!slot.delivered || !(*slot.delivered == content)) return false;
  return clock_.wall_ns() - slot.delivered_wall_ns < trust_ns_;
}

AcceptResult SlotTable::accept(Update update, std::uint64_t counter,
                               std::vector<DeliveryReport>& reports) {
  auto found = slots_.find(update.id);
  if (found == slots_.end() || !found->second.pending) {
    const bool known = found != slots_.end();
    if (known && !update.force && is_unchanged(found->second, update.content)) {
      ++stats_.deduplicated;
      reports.push_back({update.tag, update.id, Outcome::unchanged, 0, ""});
      return AcceptResult::unchanged;
    }
    if (pending_.size() >= max_pending_) return AcceptResult::queue_full;
    if (!known) found = slots_.emplace(update.id, Slot{}).first;
    found->second.id = std::move(update.id);
  }
  Slot& slot = found->second;
  const TimePoint now = clock_.now();
  if (slot.pending && slot.desired == update.content) {
    // The same content again: one more post waits for it; the debounce is not restarted.
    ++stats_.coalesced;
    slot.force = slot.force || update.force;
    slot.posts.push_back({update.tag, slot.order.counter});
    return AcceptResult::queued;
  }
  if (slot.pending) ++stats_.coalesced;
  note_update(slot, is_gating_update(slot, update.content), now);
  slot.pending = true;
  slot.desired = std::move(update.content);
  slot.order = OrderKey{clock_.wall_ns(), 0, 0, counter};
  slot.force = slot.force || update.force;
  slot.posts.push_back({update.tag, counter});
  pending_.insert(&slot);
  return AcceptResult::queued;
}

bool SlotTable::is_flushed(const Slot& slot) const {
  if (flushing_.empty()) return false;
  if (flushing_.count(0) > 0) return true;
  return std::any_of(slot.posts.begin(), slot.posts.end(),
                     [this](const PendingPost& p) { return flushing_.count(p.tag) > 0; });
}

Slot* SlotTable::next_due(TimePoint now) {
  Slot* best = nullptr;
  TimePoint best_due{};
  for (Slot* slot : pending_) {
    slot->flush_waiting = is_flushed(*slot);
    const TimePoint due = due_at(*slot, rules_);
    if (due > now) continue;
    const bool better = best == nullptr || (slot->gating && !best->gating) ||
                        (slot->gating == best->gating && due < best_due);
    if (better) {
      best = slot;
      best_due = due;
    }
  }
  return best;
}

std::optional<TimePoint> SlotTable::next_wake() {
  std::optional<TimePoint> wake;
  for (Slot* slot : pending_) {
    slot->flush_waiting = is_flushed(*slot);
    const TimePoint due = due_at(*slot, rules_);
    if (!wake || due < *wake) wake = due;
  }
  return wake;
}

void SlotTable::begin_flush(std::uint64_t tag) {
  flushing_.insert(tag);
  // What is pending now is sent at once even if the caller stops waiting (a zero timeout).
  for (Slot* slot : pending_) {
    const bool matches =
        tag == 0 || std::any_of(slot->posts.begin(), slot->posts.end(),
                                [tag](const PendingPost& p) { return p.tag == tag; });
    if (matches) slot->flush_requested = true;
  }
}

void SlotTable::end_flush(std::uint64_t tag) {
  const auto it = flushing_.find(tag);
  if (it != flushing_.end()) flushing_.erase(it);
}

std::size_t SlotTable::unsettled(std::uint64_t tag) const {
  if (tag == 0) return pending_.size();
  return static_cast<std::size_t>(std::count_if(pending_.begin(), pending_.end(), [tag](Slot* s) {
    return std::any_of(s->posts.begin(), s->posts.end(),
                       [tag](const PendingPost& p) { return p.tag == tag; });
  }));
}

void SlotTable::record_delivered(Slot& slot, const Content& content) {
  slot.delivered = content;
  slot.delivered_wall_ns = clock_.wall_ns();
  slot.ever_delivered = true;
}

std::size_t SlotTable::expire_delivered() {
  const std::int64_t cutoff = clock_.wall_ns() - trust_ns_;
  std::size_t removed = 0;
  for (auto it = slots_.begin(); it != slots_.end();) {
    Slot& slot = it->second;
    const bool stale = !slot.pending && slot.delivered && slot.delivered_wall_ns <= cutoff;
    if (stale && slot.id.kind == SlotKind::status) {
      it = slots_.erase(it);
      ++removed;
      continue;
    }
    if (stale) slot.delivered.reset();
    ++it;
  }
  return removed;
}

void SlotTable::settle(Slot& slot, std::uint64_t seq, Outcome outcome, int http_status,
                       const std::string& message, std::vector<DeliveryReport>& reports) {
  auto settled = std::stable_partition(slot.posts.begin(), slot.posts.end(),
                                       [seq](const PendingPost& p) { return p.seq > seq; });
  for (auto it = settled; it != slot.posts.end(); ++it) {
    const bool own = it->seq == seq;
    reports.push_back({it->tag, slot.id, own ? outcome : Outcome::superseded, own ? http_status : 0,
                       own ? message : ""});
  }
  slot.posts.erase(settled, slot.posts.end());
  slot.attempts = 0;
  slot.not_before = TimePoint{};
  if (slot.order.counter == seq) {
    slot.pending = false;
    slot.force = false;
    slot.flush_requested = false;
    slot.posts.clear();
    pending_.erase(&slot);
  }
}

}  // namespace cib
