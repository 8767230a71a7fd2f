// SonarQube's words for severities, types and qualities, in the model's terms.
#pragma once

#include <optional>
#include <string>

#include "model/content.h"

namespace cib::sonar {

// BLOCKER, CRITICAL → critical; MAJOR, HIGH → high; MINOR, MEDIUM → medium; INFO, LOW → low.
std::optional<Severity> severity_from_sonar(const std::string& word);
// BUG, VULNERABILITY, CODE_SMELL; SECURITY_HOTSPOT → vulnerability.
std::optional<FindingType> type_from_sonar(const std::string& word);
// 10.x software qualities: RELIABILITY → bug, SECURITY → vulnerability, MAINTAINABILITY → smell.
std::optional<FindingType> type_from_quality(const std::string& quality);
// The more severe of the two.
inline Severity worse(Severity a, Severity b) {
  return static_cast<int>(a) < static_cast<int>(b) ? a : b;
}

}  // namespace cib::sonar
