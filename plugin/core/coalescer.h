// The debounce: when a slot's pending content is due to be sent. Pure functions of the slot and
// the time, so every rule is tested with a manual clock.
#pragma once

#include "config/settings.h"
#include "core/slot.h"
#include "runtime/clock.h"

namespace cib {

struct BatchingRules {
  Duration linger{2000};
  Duration terminal_linger{200};
  Duration max_delay{10000};

  static BatchingRules from(const Settings& s) {
    return {Duration(s.linger_ms), Duration(s.terminal_linger_ms), Duration(s.max_delay_ms)};
  }
};

// Whether an update with `content` to `slot` is gating: the first status of a key on a commit,
// or a terminal state. Comments and reports never are.
bool is_gating_update(const Slot& slot, const Content& content);

// Records an update's arrival time in the slot's debounce state.
void note_update(Slot& slot, bool gating, TimePoint now);

// When the pending content should be sent: each newer update restarts the linger, never later
// than max_delay after the oldest unsent update, at once when flushed, and never before a
// retry's backoff ends.
TimePoint due_at(const Slot& slot, const BatchingRules& rules);

}  // namespace cib
