// What every fuzz target shares: the input as text, and the one exception a reader may throw.
// Any other exception, a crash or a sanitizer report is a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "sonar/sonar_error.h"

namespace cib::fuzz {

inline std::string text_of(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Runs `read` on the input; a SonarError is the reader refusing bad input, as it should.
template <typename Read>
void refuse_or_read(Read read) {
  try {
    read();
  } catch (const cib::sonar::SonarError&) {
  }
}

}  // namespace cib::fuzz
