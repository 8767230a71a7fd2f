// SARIF 2.1.0 documents, one report per run.
#include "fuzz_input.h"
#include "sonar/sarif_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = cib::fuzz::text_of(data, size);
  cib::fuzz::refuse_or_read([&] { cib::sonar::read_sarif(text); });
  return 0;
}
