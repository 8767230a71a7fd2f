// A report as a GitHub check run (an App's credential): the run's fields and its annotations,
// in GitHub's terms. Pure: the same report gives the same run, so its digests tell what changed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/content.h"

namespace cib::github {

struct CheckAnnotation {
  std::string id;  // the finding's id: what the provider remembers it by
  std::string path;
  std::int32_t line = 1;
  std::string level;  // notice, warning, failure
  std::string title, message;
};

struct CheckRun {
  std::string name;        // the report's title, else its id
  std::string conclusion;  // success, failure, neutral
  std::string details_url;
  std::string external_id;  // the report id
  std::string title, summary;
  std::vector<CheckAnnotation> annotations;  // in the report's (capped, fixed) order
};

// GitHub's level for a finding: HIGH and CRITICAL failure, MEDIUM warning, LOW notice.
const char* annotation_level(Severity severity);

// `report` is already capped (cap_annotations). Findings without a path cannot be annotations
// on GitHub: the summary counts them. Summary and messages are cut to GitHub's 65,535
// characters.
CheckRun check_run_of(const std::string& report_id, const ReportContent& report);

}  // namespace cib::github
