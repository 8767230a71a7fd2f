// The heap meter of bench-sonar-parse: it sees blocks come and go and keeps the peak.
#define BOOST_TEST_MODULE unit_bench_heap_meter
#include "heap_meter.h"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>
#include <vector>

using cib::bench::heap_live_bytes;
using cib::bench::heap_peak_bytes;
using cib::bench::reset_heap_peak;

constexpr std::size_t kMiB = 1024 * 1024;

BOOST_AUTO_TEST_CASE(a_block_counts_while_it_lives_and_its_peak_stays) {
  reset_heap_peak();
  const std::size_t before = heap_live_bytes();
  {
    std::vector<char> block(4 * kMiB);
    BOOST_TEST(heap_live_bytes() >= before + 4 * kMiB);
  }
  BOOST_TEST(heap_live_bytes() < before + kMiB);
  BOOST_TEST(heap_peak_bytes() >= before + 4 * kMiB);
  reset_heap_peak();
  BOOST_TEST(heap_peak_bytes() < before + kMiB);
}

BOOST_AUTO_TEST_CASE(arrays_and_aligned_blocks_are_counted) {
  const std::size_t before = heap_live_bytes();
  auto array = std::make_unique<char[]>(kMiB);
  struct alignas(64) Wide {
    char bytes[256];
  };
  auto wide = std::make_unique<Wide[]>(4096);
  BOOST_TEST(heap_live_bytes() >= before + 2 * kMiB);
  array.reset();
  wide.reset();
  BOOST_TEST(heap_live_bytes() < before + kMiB);
}
