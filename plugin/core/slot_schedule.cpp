// The slot table's due index and settlement: which pending slot goes next, and what a finished
// delivery means for the posts that wait on it.
#include <algorithm>

#include "core/slot_table.h"

namespace cib {

void SlotTable::unindex(Slot& slot) {
  if (!slot.indexed) return;
  DueIndex& index = slot.gating ? due_gating_ : due_other_;
  if (index.erase({slot.indexed_due, &slot}) == 0) {
    // The gating flag changed since the slot was indexed.
    (slot.gating ? due_other_ : due_gating_).erase({slot.indexed_due, &slot});
  }
  slot.indexed = false;
}

void SlotTable::reindex(Slot& slot) {
  unindex(slot);
  if (!slot.pending) return;
  slot.indexed_due = due_at(slot, rules_);
  (slot.gating ? due_gating_ : due_other_).insert({slot.indexed_due, &slot});
  slot.indexed = true;
}

Slot* SlotTable::next_due(TimePoint now) {
  for (DueIndex* index : {&due_gating_, &due_other_}) {
    if (!index->empty() && index->begin()->first <= now) return index->begin()->second;
  }
  return nullptr;
}

std::optional<TimePoint> SlotTable::next_wake() const {
  std::optional<TimePoint> wake;
  for (const DueIndex* index : {&due_gating_, &due_other_}) {
    if (!index->empty() && (!wake || index->begin()->first < *wake)) {
      wake = index->begin()->first;
    }
  }
  return wake;
}

std::size_t SlotTable::gating_unsettled(std::uint64_t tag) const {
  if (tag == 0) return due_gating_.size();
  return static_cast<std::size_t>(
      std::count_if(due_gating_.begin(), due_gating_.end(), [tag](const auto& entry) {
        const auto& posts = entry.second->posts;
        return std::any_of(posts.begin(), posts.end(),
                           [tag](const PendingPost& p) { return p.tag == tag; });
      }));
}

void SlotTable::postpone(Slot& slot, TimePoint not_before) {
  slot.not_before = not_before;
  reindex(slot);
}

void SlotTable::add_post(Slot& slot, std::uint64_t tag, std::uint64_t seq) {
  const bool first_of_tag = std::none_of(slot.posts.begin(), slot.posts.end(),
                                         [tag](const PendingPost& p) { return p.tag == tag; });
  if (first_of_tag) ++slots_by_tag_[tag];
  slot.posts.push_back({tag, seq});
}

void SlotTable::drop_posts_up_to(Slot& slot, std::uint64_t seq) {
  std::vector<std::uint64_t> tags;
  for (const PendingPost& p : slot.posts) {
    if (p.seq <= seq) tags.push_back(p.tag);
  }
  slot.posts.erase(std::remove_if(slot.posts.begin(), slot.posts.end(),
                                  [seq](const PendingPost& p) { return p.seq <= seq; }),
                   slot.posts.end());
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  for (std::uint64_t tag : tags) {
    const bool still = std::any_of(slot.posts.begin(), slot.posts.end(),
                                   [tag](const PendingPost& p) { return p.tag == tag; });
    if (still) continue;
    auto count = slots_by_tag_.find(tag);
    if (count != slots_by_tag_.end() && --count->second == 0) slots_by_tag_.erase(count);
  }
}

void SlotTable::settle(Slot& slot, std::uint64_t seq, Outcome outcome, int http_status,
                       const std::string& message, std::vector<DeliveryReport>& reports,
                       bool foreign) {
  for (const PendingPost& p : slot.posts) {
    if (p.seq > seq) continue;
    const bool own = p.seq == seq && !foreign;
    reports.push_back({p.tag, slot.id, own ? outcome : Outcome::superseded, own ? http_status : 0,
                       own ? message : ""});
  }
  drop_posts_up_to(slot, seq);
  slot.attempts = 0;
  slot.not_before = TimePoint{};
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
