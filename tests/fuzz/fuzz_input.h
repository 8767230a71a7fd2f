// What every fuzz target shares: the input as text, and the one exception a reader may throw.
// Any other exception, a crash or a sanitizer report is a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "sonar/sonar_error.h"

namespace cib::fuzz {

inline std::string text_of(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Runs `read` on the input; a `Refusal` (by default a SonarError) is the reader refusing bad
// input, as it should.
template <typename Refusal = cib::sonar::SonarError, typename Read>
void refuse_or_read(Read read) {
  try {
    read();
  } catch (const Refusal&) {
  }
}

// The input split at its first NUL byte: {before, after}; {input, ""} when it has none.
inline std::pair<std::string, std::string> split_at_nul(const std::string& text) {
  const std::size_t cut = text.find('\0');
  if (cut == std::string::npos) return {text, ""};
  return {text.substr(0, cut), text.substr(cut + 1)};
}

}  // namespace cib::fuzz
