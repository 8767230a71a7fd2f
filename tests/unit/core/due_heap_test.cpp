#include "core/due_heap.h"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <random>
#include <set>
#include <vector>

namespace cib {

BOOST_AUTO_TEST_SUITE(due_heap)

// Random pushes, moves and removals, checked against an ordered multiset after every step.
BOOST_AUTO_TEST_CASE(the_top_is_always_the_earliest_slot_after_any_change) {
  std::mt19937 random(20261128);
  std::vector<std::unique_ptr<Slot>> slots;
  for (int i = 0; i < 200; ++i) slots.push_back(std::make_unique<Slot>());
  DueHeap heap;
  std::vector<bool> in(slots.size(), false);
  std::multiset<TimePoint> reference;
  std::vector<TimePoint> dues(slots.size());
  for (int step = 0; step < 5000; ++step) {
    Slot& slot = *slots[random() % slots.size()];
    const std::size_t at = [&] {
      for (std::size_t i = 0; i < slots.size(); ++i) {
        if (slots[i].get() == &slot) return i;
      }
      return slots.size();
    }();
    const TimePoint due{Duration(random() % 1000)};
    const int action = static_cast<int>(random() % 3);
    if (!in[at]) {
      heap.push(&slot, due);
      reference.insert(due);
      dues[at] = due;
      in[at] = true;
    } else if (action == 0) {
      reference.erase(reference.find(dues[at]));
      heap.erase(&slot);
      in[at] = false;
    } else {
      reference.erase(reference.find(dues[at]));
      heap.update(&slot, due);
      reference.insert(due);
      dues[at] = due;
    }
    BOOST_REQUIRE(heap.size() == reference.size());
    if (!reference.empty()) BOOST_REQUIRE(heap.top().due == *reference.begin());
    for (const auto& entry : heap.entries()) {
      BOOST_REQUIRE(heap.entries()[entry.slot->heap_position].slot == entry.slot);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
