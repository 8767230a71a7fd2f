// One SonarQube analysis, as the Web API answers it, read into one host-neutral report.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/content.h"

namespace cib::sonar {

struct SonarAnswers {
  std::vector<std::string> issue_pages;  // `api/issues/search` (or hotspots) JSON texts
  std::optional<std::string> gate;       // `api/qualitygates/project_status`
  std::optional<std::string> measures;   // `api/measures/component`
  std::string server_url;                // links findings to their rules when set
  std::string dashboard_url;             // the report's link when set
  std::size_t max_data_fields = 10;      // the host's limit of data fields
};

// Result and details from the gate (pending without one), data fields from the measures,
// findings from the pages. No issues at all is a valid, empty analysis. The texts together may
// hold at most kMaxInputBytes. Throws SonarError; nothing is returned half-read.
ReportContent read_sonar_analysis(const SonarAnswers& answers);

}  // namespace cib::sonar
