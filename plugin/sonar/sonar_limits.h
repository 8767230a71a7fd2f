// What one analysis may hold. Input over a bound is refused (SonarErrorKind::too_large), except
// a long message or summary, which is cut at a character boundary with a note. The ABI header
// states these numbers.
#pragma once

#include <cstddef>

namespace cib::sonar {

// All JSON texts of one analysis together: pages, gate and measures, or the SARIF document.
constexpr std::size_t kMaxInputBytes = 64u * 1024u * 1024u;
// Issue pages of one analysis (SonarQube returns at most 10,000 results, 500 a page).
constexpr std::size_t kMaxIssuePages = 100;
// Open findings of one analysis, after resolved ones and repeats are left out.
constexpr std::size_t kMaxFindings = 20000;
// A finding's message; longer ones are cut and end with kTruncationNote.
constexpr std::size_t kMaxMessageBytes = 2000;
// Any other text field (keys, paths, rule ids, metric values).
constexpr std::size_t kMaxFieldBytes = 4096;
// Nesting of JSON arrays and objects; SonarQube and SARIF answers need fewer than 20 levels.
constexpr std::size_t kMaxJsonDepth = 64;
// Failed gate conditions listed in the details.
constexpr std::size_t kMaxGateConditions = 100;

constexpr const char* kTruncationNote = " … (truncated)";

}  // namespace cib::sonar
