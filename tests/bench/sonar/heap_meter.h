// Live and peak heap bytes of this program, counted by its own replacement of the global
// operator new and delete (heap_meter.cpp): every block at its malloc_usable_size. Memory taken
// with malloc directly is not seen. Link heap_meter.cpp into one program only.
#pragma once

#include <cstddef>

namespace cib::bench {

// Bytes allocated through operator new and not yet deleted.
std::size_t heap_live_bytes();

// The highest heap_live_bytes() since the last reset_heap_peak().
std::size_t heap_peak_bytes();

// Starts a new peak at the live bytes of now.
void reset_heap_peak();

}  // namespace cib::bench
