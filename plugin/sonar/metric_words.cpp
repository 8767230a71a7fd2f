#include "sonar/metric_words.h"

#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace cib::sonar {
namespace {

struct MetricRow {
  const char* key;
  const char* words;
  MetricUnit unit;
};

constexpr MetricRow kMetrics[] = {
    {"new_coverage", "Coverage on new code", MetricUnit::percent},
    {"coverage", "Coverage", MetricUnit::percent},
    {"new_line_coverage", "Line coverage on new code", MetricUnit::percent},
    {"line_coverage", "Line coverage", MetricUnit::percent},
    {"new_branch_coverage", "Condition coverage on new code", MetricUnit::percent},
    {"branch_coverage", "Condition coverage", MetricUnit::percent},
    {"new_duplicated_lines_density", "Duplicated lines on new code", MetricUnit::percent},
    {"duplicated_lines_density", "Duplicated lines", MetricUnit::percent},
    {"new_bugs", "New bugs", MetricUnit::count},
    {"bugs", "Bugs", MetricUnit::count},
    {"new_vulnerabilities", "New vulnerabilities", MetricUnit::count},
    {"vulnerabilities", "Vulnerabilities", MetricUnit::count},
    {"new_code_smells", "New code smells", MetricUnit::count},
    {"code_smells", "Code smells", MetricUnit::count},
    {"new_security_hotspots", "New security hotspots", MetricUnit::count},
    {"security_hotspots", "Security hotspots", MetricUnit::count},
    {"new_violations", "New issues", MetricUnit::count},
    {"violations", "Issues", MetricUnit::count},
    {"new_blocker_violations", "New blocker issues", MetricUnit::count},
    {"new_critical_violations", "New critical issues", MetricUnit::count},
    {"new_reliability_rating", "Reliability rating on new code", MetricUnit::rating},
    {"reliability_rating", "Reliability rating", MetricUnit::rating},
    {"new_security_rating", "Security rating on new code", MetricUnit::rating},
    {"security_rating", "Security rating", MetricUnit::rating},
    {"new_maintainability_rating", "Maintainability rating on new code", MetricUnit::rating},
    {"sqale_rating", "Maintainability rating", MetricUnit::rating},
    {"new_security_review_rating", "Security review rating on new code", MetricUnit::rating},
    {"security_review_rating", "Security review rating", MetricUnit::rating},
    {"new_security_hotspots_reviewed", "Security hotspots reviewed on new code",
     MetricUnit::percent},
    {"security_hotspots_reviewed", "Security hotspots reviewed", MetricUnit::percent},
};

}  // namespace

MetricWords metric_words(const std::string& key) {
  for (const MetricRow& row : kMetrics) {
    if (key == row.key) return {row.words, row.unit};
  }
  return {key, MetricUnit::other};
}

std::string metric_value_text(const std::string& value, MetricUnit unit) {
  if (unit == MetricUnit::percent) return value + "%";
  if (unit != MetricUnit::rating) return value;
  // Ratings are 1.0 (A) to 5.0 (E); anything else is shown as it came.
  char* end = nullptr;
  const double rating = std::strtod(value.c_str(), &end);
  const bool whole = end && *end == '\0' && rating >= 1 && rating <= 5 &&
                     rating == static_cast<double>(static_cast<int>(rating));
  if (!whole || value.empty()) return value;
  return std::string(1, static_cast<char>('A' + static_cast<int>(rating) - 1));
}

}  // namespace cib::sonar
