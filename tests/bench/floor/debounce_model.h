// An exact model of the slot debounce (docs/TRACES.md) on a trace's own clock: time moves only
// when the model is told to advance, so the floor never depends on how fast a machine is.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "floor_types.h"

namespace cib::bench {

class DebounceModel {
 public:
  explicit DebounceModel(FloorSettings settings) : settings_(settings) {}

  // Moves the clock forward by ms; every pending content whose wait ends by then is seen.
  void advance(std::int64_t ms);

  // A newer content for its slot: it replaces the pending one and restarts the wait.
  void update(const SlotContent& content);

  // Every pending content is seen now.
  void flush();

  const FloorResult& result() const { return result_; }
  FloorResult& result() { return result_; }

 private:
  struct Pending {
    SlotContent content;
    std::int64_t due_ms = 0;            // end of the wait, capped by max_delay
    std::int64_t oldest_unsent_ms = 0;  // when the first update since the last send arrived
  };
  struct Slot {
    std::optional<SlotContent> seen;  // the content counted last
    std::optional<Pending> pending;
  };

  void see_due();
  void see(Slot& slot);
  std::int64_t lookup_cost(const Slot& slot, const SlotContent& content);
  bool is_gating(const Slot& slot, const SlotContent& content) const;

  FloorSettings settings_;
  std::int64_t now_ms_ = 0;
  std::map<std::string, Slot> slots_;
  std::set<std::pair<std::string, std::int64_t>> listed_prs_;  // (repo, PR)
  FloorResult result_;
};

// The slot an update belongs to: status per repo+commit+key, comment per repo+PR+key, report
// per repo+commit+id.
std::string slot_key(const SlotContent& content);

}  // namespace cib::bench
