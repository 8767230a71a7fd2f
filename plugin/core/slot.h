// A slot: one remote object the host keeps, with the newest content the caller wants there and
// what this process delivered. Plain data; the slot table and the dispatcher give it behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/order_key.h"
#include "model/content.h"
#include "providers/provider.h"
#include "runtime/clock.h"

namespace cib {

// One accepted post call, waiting for its delivery report.
struct PendingPost {
  std::uint64_t tag = 0;
  std::uint64_t seq = 0;  // the update's order counter
};

struct Slot {
  SlotId id;

  // Newest desired content, not yet settled (when `pending`).
  bool pending = false;
  Content desired;
  OrderKey order;                // of `desired`
  bool force = false;            // a post with CIB_POST_FORCE is among the pending ones
  bool gating = false;           // the newest update is gating (first status of a key, terminal)
  bool flush_requested = false;  // a flush asked for this content: send it at once
  bool flush_waiting = false;    // a flush still waits for this slot's tag (recomputed)
  TimePoint first_unsent{};      // arrival of the oldest unsent update
  TimePoint last_update{};       // arrival of the newest update
  std::vector<PendingPost> posts;

  // Retry state of the pending content.
  int attempts = 0;
  TimePoint not_before{};

  // What this process delivered, and when (wall clock, for dedup trust).
  std::optional<Content> delivered;
  std::int64_t delivered_wall_ns = 0;
  bool ever_delivered = false;  // a status of this key reached the host (gating rule)
  RemoteState remote;
};

}  // namespace cib
