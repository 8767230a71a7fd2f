#include "debounce_model.h"

#include <algorithm>

namespace cib::bench {

void DebounceModel::advance(std::int64_t ms) {
  now_ms_ += ms;
  see_due();
}

void DebounceModel::update(const SlotContent& content) {
  // A wait of 0 ends at once: what was due now is seen before the newer content replaces it.
  see_due();
  Slot& slot = slots_[slot_key(content)];
  const std::int64_t wait =
      is_gating(slot, content) ? settings_.terminal_linger_ms : settings_.linger_ms;
  const std::int64_t oldest = slot.pending ? slot.pending->oldest_unsent_ms : now_ms_;
  slot.pending =
      Pending{content, std::min(now_ms_ + wait, oldest + settings_.max_delay_ms), oldest};
  see_due();
}

void DebounceModel::flush() {
  for (auto& entry : slots_) {
    if (entry.second.pending) see(entry.second);
  }
}

void DebounceModel::see_due() {
  for (auto& entry : slots_) {
    if (entry.second.pending && entry.second.pending->due_ms <= now_ms_) see(entry.second);
  }
}

void DebounceModel::see(Slot& slot) {
  const SlotContent& content = slot.pending->content;
  const std::int64_t lookups = lookup_cost(slot, content);
  const std::int64_t cost =
      lookups + shapes_.request_cost(slot.seen ? &*slot.seen : nullptr, content);
  result_.lookups += lookups;
  result_.floor += cost;
  result_.floor_by_kind[content.index()] += cost;
  slot.seen = content;
  slot.pending.reset();
}

// A slot's first delivery after a cold start reads the host first (HostShapes::cold_lookups),
// each read once per process: a PR listed for one key serves every other key of the PR.
std::int64_t DebounceModel::lookup_cost(const Slot& slot, const SlotContent& content) {
  if (!settings_.cold_start || slot.seen) return 0;
  std::int64_t requests = 0;
  for (const Lookup& lookup : shapes_.cold_lookups(content)) {
    if (done_lookups_.insert(lookup.what).second) requests += lookup.requests;
  }
  return requests;
}

// The first status of a key on a commit keeps a merge check closed, and a terminal state
// opens it: both go out after the short linger.
bool DebounceModel::is_gating(const Slot& slot, const SlotContent& content) const {
  const auto* status = std::get_if<trace::StatusOp>(&content);
  if (status == nullptr) return false;
  return !slot.seen || status->state != "INPROGRESS";
}

}  // namespace cib::bench
