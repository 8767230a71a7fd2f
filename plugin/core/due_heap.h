// The pending slots ordered by the time they fall due: a binary heap of (due, slot) entries whose
// slots remember their own position, so a slot is moved or removed in O(log n) and costs one
// 16-byte entry of index memory (a tree node would cost four times that, with a million pending).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/slot.h"
#include "runtime/clock.h"

namespace cib {

class DueHeap {
 public:
  struct Entry {
    TimePoint due;
    Slot* slot;
  };

  // Adds a slot not in any heap.
  void push(Slot* slot, TimePoint due);
  // Removes a slot of this heap.
  void erase(Slot* slot);
  // Moves a slot of this heap to its new due time.
  void update(Slot* slot, TimePoint due);

  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  // The earliest entry; only when not empty.
  const Entry& top() const { return entries_.front(); }
  // Every entry, in no particular order.
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  void place(std::size_t at, const Entry& entry);
  void sift_up(std::size_t at);
  void sift_down(std::size_t at);

  std::vector<Entry> entries_;
};

}  // namespace cib
