#include "core/due_heap.h"

namespace cib {

void DueHeap::place(std::size_t at, const Entry& entry) {
  entries_[at] = entry;
  entry.slot->heap_position = static_cast<std::uint32_t>(at);
}

void DueHeap::push(Slot* slot, TimePoint due) {
  entries_.push_back({due, slot});
  sift_up(entries_.size() - 1);
}

void DueHeap::erase(Slot* slot) {
  const std::size_t at = slot->heap_position;
  const Entry last = entries_.back();
  entries_.pop_back();
  if (at == entries_.size()) return;  // it was the last one
  place(at, last);
  update(last.slot, last.due);
}

void DueHeap::update(Slot* slot, TimePoint due) {
  const std::size_t at = slot->heap_position;
  entries_[at].due = due;
  if (at > 0 && due < entries_[(at - 1) / 2].due) {
    sift_up(at);
  } else {
    sift_down(at);
  }
}

void DueHeap::sift_up(std::size_t at) {
  const Entry entry = entries_[at];
  while (at > 0) {
    const std::size_t parent = (at - 1) / 2;
    if (!(entry.due < entries_[parent].due)) break;
    place(at, entries_[parent]);
    at = parent;
  }
  place(at, entry);
}

void DueHeap::sift_down(std::size_t at) {
  const Entry entry = entries_[at];
  const std::size_t n = entries_.size();
  while (true) {
    std::size_t child = 2 * at + 1;
    if (child >= n) break;
    if (child + 1 < n && entries_[child + 1].due < entries_[child].due) ++child;
    if (!(entries_[child].due < entry.due)) break;
    place(at, entries_[child]);
    at = child;
  }
  place(at, entry);
}

}  // namespace cib
