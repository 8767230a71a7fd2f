// Replay traces (docs/TRACES.md): JSON Lines, one op a line. A TraceError is the reader refusing
// a line, as it should.
#include <sstream>

#include "fuzz_input.h"
#include "trace_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(cib::fuzz::text_of(data, size));
  cib::fuzz::refuse_or_read<cib::trace::TraceError>(
      [&] { cib::trace::read_trace(in, "fuzz.jsonl"); });
  return 0;
}
