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

Slot* SlotTable::find(const SlotId& id) {
  const auto found = slots_.find(id);
  return found == slots_.end() ? nullptr : found->get();
}

Slot& SlotTable::slot_for(const SlotId& id) {
  if (Slot* slot = find(id)) return *slot;
  auto slot = std::make_unique<Slot>();
  slot->id = id;
  Slot& ref = *slot;
  slots_.insert(std::move(slot));
  return ref;
}

bool SlotTable::is_unchanged(const Slot& slot, const Content& content) const {
  if (slot.delivered() == nullptr || !(*slot.delivered() == content)) return false;
  return clock_.wall_ns() - slot.delivered_wall_ns() < trust_ns_;
}

// The answer a post gets without becoming pending: unchanged, or refused for room; `queued`
// when it is taken.
AcceptResult SlotTable::admission(const Slot* slot, const Update& update) const {
  if (slot != nullptr && slot->pending) return AcceptResult::queued;
  if (slot != nullptr && !update.force && is_unchanged(*slot, update.content)) {
    return AcceptResult::unchanged;
  }
  return pending_count() >= max_pending_ ? AcceptResult::queue_full : AcceptResult::queued;
}

AcceptPlan SlotTable::plan(const Update& update) const {
  const auto found = slots_.find(update.id);
  const Slot* slot = found == slots_.end() ? nullptr : found->get();
  const AcceptResult result = admission(slot, update);
  if (result != AcceptResult::queued) return {result, false};
  const Slot empty;
  return {AcceptResult::queued, is_gating_update(slot ? *slot : empty, update.content)};
}

AcceptResult SlotTable::accept(Update update, std::uint64_t seq, const OrderKey& order,
                               std::vector<DeliveryReport>& reports) {
  Slot* existing = find(update.id);
  const AcceptResult admitted = admission(existing, update);
  if (admitted == AcceptResult::unchanged) {
    ++stats_.deduplicated;
    reports.push_back({update.tag, update.id, Outcome::unchanged, 0, ""});
  }
  if (admitted != AcceptResult::queued) return admitted;
  Slot& slot = existing ? *existing : slot_for(update.id);
  if (order < slot.order) {
    // A thread that lost the race to a newer update of the same slot.
    ++stats_.coalesced;
    reports.push_back({update.tag, update.id, Outcome::superseded, 0, ""});
    return AcceptResult::superseded;
  }
  const TimePoint now = clock_.now();
  if (slot.pending && slot.desired == update.content) {
    // The same content again: one more post waits for it; the debounce is not restarted. Its
    // order key is the spool's now; a slot resumed from the spool becomes this process's.
    ++stats_.coalesced;
    slot.force = slot.force || update.force;
    slot.order = order;
    if (slot.seq == 0) slot.seq = seq;
    add_post(slot, update.tag, slot.seq);
    if (is_flushed(slot) && !slot.flush_requested) {
      slot.flush_requested = true;
      reindex(slot);
    }
    return AcceptResult::queued;
  }
  if (slot.pending) ++stats_.coalesced;
  note_update(slot, is_gating_update(slot, update.content), now);
  slot.pending = true;
  slot.desired = std::move(update.content);
  slot.order = order;
  slot.seq = seq;
  slot.force = slot.force || update.force;
  add_post(slot, update.tag, seq);
  if (is_flushed(slot)) slot.flush_requested = true;
  reindex(slot);
  return AcceptResult::queued;
}

void SlotTable::resume(const SlotId& id, Content desired, const OrderKey& order, bool gating,
                       std::uint64_t seq) {
  Slot& slot = slot_for(id);
  // A pending slot takes newer content from the spool when it is claimed.
  if (slot.pending || !(slot.order < order || slot.order == order)) return;
  note_update(slot, gating, clock_.now());
  slot.pending = true;
  slot.desired = std::move(desired);
  slot.order = order;
  if (seq != 0) {
    slot.seq = seq;
    add_post(slot, 0, seq);
  }
  reindex(slot);
}

void SlotTable::adopt(Slot& slot, Content desired, const OrderKey& order, bool gating) {
  slot.desired = std::move(desired);
  slot.order = order;
  slot.gating = slot.gating || gating;
  if (slot.pending) reindex(slot);
}

void SlotTable::remember(const SlotId& id, std::unique_ptr<Content> delivered, std::int64_t wall_ns,
                         std::unique_ptr<RemoteState> remote) {
  Slot& slot = slot_for(id);
  if (delivered && wall_ns >= slot.delivered_wall_ns()) {
    slot.set_delivered(std::move(*delivered), wall_ns);
    slot.ever_delivered = true;
  }
  if (remote) slot.remote() = std::move(*remote);
}

bool SlotTable::is_flushed(const Slot& slot) const {
  if (flushing_.empty()) return false;
  if (flushing_.count(0) > 0) return true;
  return slot.posts.any_of([this](const PendingPost& p) { return flushing_.count(p.tag) > 0; });
}

void SlotTable::begin_flush(std::uint64_t tag) {
  flushing_.insert(tag);
  // What is pending now is sent at once even if the caller stops waiting (a zero timeout).
  std::vector<Slot*> matched;
  for (const DueHeap* index : {&due_gating_, &due_other_}) {
    for (const DueHeap::Entry& entry : index->entries()) {
      Slot* slot = entry.slot;
      const bool matches =
          tag == 0 || slot->posts.any_of([tag](const PendingPost& p) { return p.tag == tag; });
      if (matches && !slot->flush_requested) matched.push_back(slot);
    }
  }
  for (Slot* slot : matched) {
    slot->flush_requested = true;
    reindex(*slot);
  }
}

void SlotTable::end_flush(std::uint64_t tag) {
  const auto it = flushing_.find(tag);
  if (it != flushing_.end()) flushing_.erase(it);
}

std::size_t SlotTable::unsettled(std::uint64_t tag) const {
  if (tag == 0) return pending_count();
  const auto found = slots_by_tag_.find(tag);
  return found == slots_by_tag_.end() ? 0 : found->second;
}

void SlotTable::record_delivered(Slot& slot, const Content& content) {
  slot.set_delivered(content, clock_.wall_ns());
  slot.ever_delivered = true;
}

std::size_t SlotTable::expire_delivered() {
  const std::int64_t cutoff = clock_.wall_ns() - trust_ns_;
  std::size_t removed = 0;
  for (auto it = slots_.begin(); it != slots_.end();) {
    Slot& slot = **it;
    const bool stale =
        !slot.pending && slot.delivered() != nullptr && slot.delivered_wall_ns() <= cutoff;
    if (stale && slot.id.kind == SlotKind::status) {
      it = slots_.erase(it);
      ++removed;
      continue;
    }
    if (stale) slot.forget_delivered();
    ++it;
  }
  return removed;
}

}  // namespace cib
