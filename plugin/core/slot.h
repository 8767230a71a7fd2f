// A slot: one remote object the host keeps, with the newest content the caller wants there and
// what was delivered. Plain data; the slot table and the dispatcher give it behaviour. Kept
// small: a build with many repositories holds hundreds of thousands of pending slots, so what
// most slots never need (delivered content, remote state) lives behind pointers.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "model/content.h"
#include "model/order_key.h"
#include "providers/provider.h"
#include "runtime/clock.h"

namespace cib {

// One accepted post call, waiting for its delivery report.
struct PendingPost {
  std::uint64_t tag = 0;
  std::uint64_t seq = 0;  // the update's order counter in this process
};

// The posts waiting on a slot: nearly always one, which is kept inline.
class PostList {
 public:
  // Posts carry a counter from 1 up, so a first post with seq 0 is none.
  void push_back(const PendingPost& post) {
    if (first_.seq == 0) {
      first_ = post;
      return;
    }
    if (!rest_) rest_ = std::make_unique<std::vector<PendingPost>>();
    rest_->push_back(post);
  }
  bool empty() const { return first_.seq == 0; }
  void clear() {
    first_ = PendingPost{};
    rest_.reset();
  }
  template <typename Visit>
  void for_each(Visit visit) const {
    if (first_.seq != 0) visit(first_);
    if (rest_) {
      for (const PendingPost& post : *rest_) visit(post);
    }
  }
  template <typename Predicate>
  bool any_of(Predicate predicate) const {
    if (first_.seq != 0 && predicate(first_)) return true;
    if (rest_) {
      for (const PendingPost& post : *rest_) {
        if (predicate(post)) return true;
      }
    }
    return false;
  }
  template <typename Predicate>
  void remove_if(Predicate predicate) {
    std::vector<PendingPost> kept;
    for_each([&](const PendingPost& post) {
      if (!predicate(post)) kept.push_back(post);
    });
    clear();
    for (const PendingPost& post : kept) push_back(post);
  }

 private:
  PendingPost first_{};
  std::unique_ptr<std::vector<PendingPost>> rest_;
};

struct Slot {
  SlotId id;

  // Newest desired content, not yet settled (when `pending`).
  bool pending = false;
  bool force = false;            // a post with CIB_POST_FORCE is among the pending ones
  bool gating = false;           // the newest update is gating (first status of a key, terminal)
  bool flush_requested = false;  // a flush asked for this content: send it at once
  bool ever_delivered = false;   // a status of this key reached the host (gating rule)
  bool indexed = false;          // in the slot table's due index
  bool indexed_gating = false;   // in the gating one
  int attempts = 0;              // retry state of the pending content
  std::uint32_t heap_position = 0;
  Content desired;
  OrderKey order;            // of `desired`, comparable across processes
  std::uint64_t seq = 0;     // counter of this process's newest update (0: resumed from spool)
  TimePoint first_unsent{};  // arrival of the oldest unsent update
  TimePoint last_update{};   // arrival of the newest update
  TimePoint not_before{};
  bool budget_wait = false;  // not_before is the budget's wait for a priority below gating
  PostList posts;

  // What was delivered, and when (wall clock, for dedup trust); null before a delivery.
  const Content* delivered() const { return delivered_ ? &delivered_->content : nullptr; }
  std::int64_t delivered_wall_ns() const { return delivered_ ? delivered_->wall_ns : 0; }
  void set_delivered(Content content, std::int64_t wall_ns) {
    delivered_ = std::make_unique<Delivered>(Delivered{std::move(content), wall_ns});
  }
  void forget_delivered() { delivered_.reset(); }

  RemoteState& remote() {
    if (!remote_) remote_ = std::make_unique<RemoteState>();
    return *remote_;
  }
  bool has_remote() const { return remote_ != nullptr; }

 private:
  struct Delivered {
    Content content;
    std::int64_t wall_ns;
  };
  std::unique_ptr<Delivered> delivered_;
  std::unique_ptr<RemoteState> remote_;
};

}  // namespace cib
