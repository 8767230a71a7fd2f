// api/qualitygates/project_status and api/measures/component answers: the same input goes to
// both readers, so one corpus serves the two.
#include "fuzz_input.h"
#include "sonar/gate_reader.h"
#include "sonar/measures_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = cib::fuzz::text_of(data, size);
  cib::fuzz::refuse_or_read([&] { cib::sonar::read_gate(text); });
  cib::fuzz::refuse_or_read([&] { cib::sonar::read_measures(text, 10); });
  return 0;
}
