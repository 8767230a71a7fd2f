// An exact model of the slot debounce (docs/TRACES.md) on a trace's own clock: time moves only
// when the model is told to advance, so the floor never depends on how fast a machine is. What a
// content costs is the host's (host_shapes.h); the model itself knows no host.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "floor_types.h"
#include "host_shapes.h"

namespace cib::bench {

class DebounceModel {
 public:
  // `shapes` must outlive the model.
  DebounceModel(FloorSettings settings, const HostShapes& shapes)
      : settings_(std::move(settings)), shapes_(shapes) {}

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
  const HostShapes& shapes_;
  std::int64_t now_ms_ = 0;
  std::map<std::string, Slot> slots_;
  std::set<std::string> done_lookups_;  // Lookup::what
  FloorResult result_;
};

}  // namespace cib::bench
