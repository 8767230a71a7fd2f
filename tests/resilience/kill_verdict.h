// Judges one point of the kill test from what the host ended holding and the requests it saw:
// (a) every slot holds the newest post that returned before the kill, or a later one (with
//     spool.sync: batch only the newest returned *gating* post is owed: a first status of a
//     key, or a terminal state);
// (b) no request carried an older post of a slot after one that carried a newer post;
// (c) no pull request holds two live comments for one key.
//
// Posts are mapped back to trace order by content (trace_slots.h). A request matches the
// posts whose content it is consistent with; it is stale when even the newest of those is
// older than the oldest match of some earlier request of the same slot, in arrival order.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "kill_point.h"
#include "trace_slots.h"

namespace cib::test {

struct KillTally {
  int kills = 0;          // points where the child was killed (not ended by itself)
  int in_flight = 0;      // of those, kills while the host was serving a request of the child
  int slots = 0;          // slots with a post owed by (a)
  int lost = 0;           // (a) failed
  int stale = 0;          // (b) failed
  int duplicates = 0;     // (c): extra live comments
  int drains_failed = 0;  // `cibatch drain` did not exit 0
  int lost_any = 0;       // sync: batch only: slots short of their newest returned post (allowed)
  std::vector<std::string> problems;  // one sentence each, naming point, slot and lines
};

// gating_only: spool.sync: batch, where only gating posts must survive a kill.
void judge_kill_point(const TraceSlots& slots, const KillPlan& plan, const KillOutcome& outcome,
                      bool gating_only, KillTally& tally);

// "kill-test sync=always seed=S kills=30 in_flight=12 slots=... lost=0 stale=0 duplicates=0"
std::string summary_line(const std::string& sync, unsigned seed, const KillTally& tally);

}  // namespace cib::test
