// A slot: one remote object the host keeps, with the newest content the caller wants there and
// what was delivered. Plain data; the slot table and the dispatcher give it behaviour. Kept
// small: a build with many repositories holds hundreds of thousands of pending slots, so what
// most slots never need (delivered content, remote state) lives behind pointers.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/order_key.h"
#include "model/content.h"
#include "providers/provider.h"
#include "runtime/clock.h"

namespace cib {

// One accepted post call, waiting for its delivery report.
struct PendingPost {
  std::uint64_t tag = 0;
  std::uint64_t seq = 0;  // the update's order counter in this process
};

struct Slot {
  SlotId id;

  // Newest desired content, not yet settled (when `pending`).
  bool pending = false;
  bool force = false;            // a post with CIB_POST_FORCE is among the pending ones
  bool gating = false;           // the newest update is gating (first status of a key, terminal)
  bool flush_requested = false;  // a flush asked for this content: send it at once
  bool ever_delivered = false;   // a status of this key reached the host (gating rule)
  bool indexed = false;          // in the slot table's due index at `indexed_due`
  int attempts = 0;              // retry state of the pending content
  Content desired;
  OrderKey order;            // of `desired`, comparable across processes
  std::uint64_t seq = 0;     // counter of this process's newest update (0: resumed from spool)
  TimePoint first_unsent{};  // arrival of the oldest unsent update
  TimePoint last_update{};   // arrival of the newest update
  TimePoint not_before{};
  TimePoint indexed_due{};
  std::vector<PendingPost> posts;

  // What was delivered, and when (wall clock, for dedup trust).
  std::unique_ptr<Content> delivered;
  std::int64_t delivered_wall_ns = 0;

  RemoteState& remote() {
    if (!remote_) remote_ = std::make_unique<RemoteState>();
    return *remote_;
  }
  bool has_remote() const { return remote_ != nullptr; }

 private:
  std::unique_ptr<RemoteState> remote_;
};

}  // namespace cib
