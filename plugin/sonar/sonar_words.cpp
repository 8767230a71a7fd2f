#include "sonar/sonar_words.h"

namespace cib::sonar {

std::optional<Severity> severity_from_sonar(const std::string& word) {
  if (word == "BLOCKER" || word == "CRITICAL") return Severity::critical;
  if (word == "MAJOR" || word == "HIGH") return Severity::high;
  if (word == "MINOR" || word == "MEDIUM") return Severity::medium;
  if (word == "INFO" || word == "LOW") return Severity::low;
  return std::nullopt;
}

std::optional<FindingType> type_from_sonar(const std::string& word) {
  if (word == "BUG") return FindingType::bug;
  if (word == "VULNERABILITY" || word == "SECURITY_HOTSPOT") return FindingType::vulnerability;
  if (word == "CODE_SMELL") return FindingType::code_smell;
  return std::nullopt;
}

std::optional<FindingType> type_from_quality(const std::string& quality) {
  if (quality == "RELIABILITY") return FindingType::bug;
  if (quality == "SECURITY") return FindingType::vulnerability;
  if (quality == "MAINTAINABILITY") return FindingType::code_smell;
  return std::nullopt;
}

}  // namespace cib::sonar
