// The slot table's due index and settlement: which pending slot goes next, and what a finished
// delivery means for the posts that wait on it.
#include <algorithm>

#include "core/slot_table.h"

namespace cib {

void SlotTable::unindex(Slot& slot) {
  if (!slot.indexed) return;
  (slot.indexed_gating ? due_gating_ : due_other_).erase(&slot);
  slot.indexed = false;
}

void SlotTable::reindex(Slot& slot) {
  if (!slot.pending) {
    unindex(slot);
    return;
  }
  const TimePoint due = due_at(slot, rules_);
  if (slot.indexed && slot.indexed_gating == slot.gating) {
    (slot.gating ? due_gating_ : due_other_).update(&slot, due);
    return;
  }
  unindex(slot);
  slot.indexed_gating = slot.gating;
  (slot.gating ? due_gating_ : due_other_).push(&slot, due);
  slot.indexed = true;
}

Slot* SlotTable::next_due(TimePoint now) {
  for (const DueHeap* index : {&due_gating_, &due_other_}) {
    if (!index->empty() && index->top().due <= now) return index->top().slot;
  }
  return nullptr;
}

std::optional<TimePoint> SlotTable::next_wake() const {
  std::optional<TimePoint> wake;
  for (const DueHeap* index : {&due_gating_, &due_other_}) {
    if (!index->empty() && (!wake || index->top().due < *wake)) wake = index->top().due;
  }
  return wake;
}

std::size_t SlotTable::gating_unsettled(std::uint64_t tag) const {
  if (tag == 0) return due_gating_.size();
  const auto& entries = due_gating_.entries();
  return static_cast<std::size_t>(
      std::count_if(entries.begin(), entries.end(), [tag](const DueHeap::Entry& entry) {
        return entry.slot->posts.any_of([tag](const PendingPost& p) { return p.tag == tag; });
      }));
}

void SlotTable::postpone(Slot& slot, TimePoint not_before) {
  slot.not_before = not_before;
  slot.budget_wait = false;
  reindex(slot);
}

void SlotTable::postpone_for_budget(Slot& slot, TimePoint not_before) {
  slot.not_before = not_before;
  slot.budget_wait = !slot.gating;
  reindex(slot);
}

void SlotTable::add_post(Slot& slot, std::uint64_t tag, std::uint64_t seq) {
  const bool first_of_tag =
      !slot.posts.any_of([tag](const PendingPost& p) { return p.tag == tag; });
  if (first_of_tag) ++slots_by_tag_[tag];
  slot.posts.push_back({tag, seq});
}

void SlotTable::drop_posts_up_to(Slot& slot, std::uint64_t seq) {
  std::vector<std::uint64_t> tags;
  slot.posts.for_each([&tags, seq](const PendingPost& p) {
    if (p.seq <= seq) tags.push_back(p.tag);
  });
  if (tags.empty()) return;
  slot.posts.remove_if([seq](const PendingPost& p) { return p.seq <= seq; });
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  for (std::uint64_t tag : tags) {
    if (slot.posts.any_of([tag](const PendingPost& p) { return p.tag == tag; })) continue;
    auto count = slots_by_tag_.find(tag);
    if (count != slots_by_tag_.end() && --count->second == 0) slots_by_tag_.erase(count);
  }
}

void SlotTable::settle(Slot& slot, std::uint64_t seq, Outcome outcome, int http_status,
                       const std::string& message, std::vector<DeliveryReport>& reports,
                       bool foreign) {
  slot.posts.for_each([&](const PendingPost& p) {
    if (p.seq > seq) return;
    const bool own = p.seq == seq && !foreign;
    reports.push_back({p.tag, slot.id, own ? outcome : Outcome::superseded, own ? http_status : 0,
                       own ? message : ""});
  });
  drop_posts_up_to(slot, seq);
  slot.attempts = 0;
  slot.not_before = TimePoint{};
  slot.budget_wait = false;
  if (slot.seq == seq) {
    unindex(slot);
    drop_posts_up_to(slot, ~std::uint64_t{0});
    slot.pending = false;
    slot.force = false;
    slot.flush_requested = false;
  } else {
    reindex(slot);
  }
}

}  // namespace cib
