// The words a trace may use for enumerated fields. Each list is in the order of the C ABI's
// enum (cib_state, cib_report_result, cib_severity, cib_finding_type, cib_data_type), so a
// word's index is its enum value.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace cib::trace {

inline constexpr std::array<const char*, 4> kStateWords = {"INPROGRESS", "SUCCESSFUL", "FAILED",
                                                           "STOPPED"};
inline constexpr std::array<const char*, 3> kResultWords = {"PASSED", "FAILED", "PENDING"};
inline constexpr std::array<const char*, 4> kSeverityWords = {"CRITICAL", "HIGH", "MEDIUM", "LOW"};
inline constexpr std::array<const char*, 3> kFindingTypeWords = {"BUG", "VULNERABILITY",
                                                                 "CODE_SMELL"};
inline constexpr std::array<const char*, 7> kDataTypeWords = {
    "TEXT", "BOOLEAN", "DATE", "DURATION", "LINK", "NUMBER", "PERCENTAGE"};

// The index of word in words, or -1.
template <std::size_t N>
std::int32_t word_index(const std::array<const char*, N>& words, const std::string& word) {
  for (std::size_t i = 0; i < N; ++i) {
    if (word == words[i]) return static_cast<std::int32_t>(i);
  }
  return -1;
}

// "A, B or C", for messages that list what is allowed.
template <std::size_t N>
std::string word_list(const std::array<const char*, N>& words) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += (i + 1 == N) ? " or " : ", ";
    out += words[i];
  }
  return out;
}

}  // namespace cib::trace
