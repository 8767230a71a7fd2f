// Reports from a SARIF 2.1.0 document: one report per run, its findings as annotations.
#pragma once

#include <string>
#include <vector>

#include "model/content.h"

namespace cib::sonar {

struct SarifReport {
  std::string report_id;  // from the tool's name: lower case, [a-z0-9-] only
  ReportContent content;  // title and reporter: the tool's name; failed when any error-level
};

// Level error → high, warning → medium, note → low, none → medium; a result without a level takes
// its rule's default level, else warning's. Findings of a rule tagged "security" are
// vulnerabilities, other error-level ones bugs, the rest code smells. A finding's id is
// its first partial fingerprint, else the SHA-256 of rule id, path and message (not the line,
// so a line shift keeps it). Errors are named `sarif`. Throws SonarError.
std::vector<SarifReport> read_sarif(const std::string& text);

}  // namespace cib::sonar
