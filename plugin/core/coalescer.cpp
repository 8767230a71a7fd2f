#include "core/coalescer.h"

#include <algorithm>

namespace cib {

bool is_gating_update(const Slot& slot, const Content& content) {
  const auto* status = std::get_if<StatusContent>(&content);
  if (status == nullptr) return false;
  return is_terminal(status->state) || !slot.ever_delivered;
}

void note_update(Slot& slot, bool gating, TimePoint now) {
  if (!slot.pending) slot.first_unsent = now;
  slot.last_update = now;
  // The budget held the slot at a lower priority; gating content has room of its own (the
  // dispatcher still checks what the budget refused gating).
  if (gating && slot.budget_wait) {
    slot.not_before = TimePoint{};
    slot.budget_wait = false;
  }
  slot.gating = gating;
}

TimePoint due_at(const Slot& slot, const BatchingRules& rules) {
  TimePoint due;
  if (slot.flush_requested) {
    due = slot.last_update;
  } else {
    const Duration linger = slot.gating ? rules.terminal_linger : rules.linger;
    due = std::min(slot.last_update + linger, slot.first_unsent + rules.max_delay);
  }
  return std::max(due, slot.not_before);
}

}  // namespace cib
