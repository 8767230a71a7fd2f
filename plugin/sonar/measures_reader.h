// Report data fields from SonarQube's `api/measures/component` answer.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/content.h"

namespace cib::sonar {

// The fields present among: new bugs, vulnerabilities, code smells and security hotspots,
// coverage and duplication (new code first, then overall coverage and duplication, then overall
// counts), at most `max_fields` (the host's limit; Bitbucket Cloud takes 10). Errors are named
// `measures`. Throws SonarError.
std::vector<ReportData> read_measures(const std::string& text, std::size_t max_fields);

// The metric keys read_measures shows, comma-separated: what to ask `api/measures/component` for.
std::string shown_metric_keys();

}  // namespace cib::sonar
