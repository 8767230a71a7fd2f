// The quality gate from SonarQube's `api/qualitygates/project_status` answer.
#pragma once

#include <string>

#include "model/content.h"

namespace cib::sonar {

struct GateOutcome {
  ReportResult result = ReportResult::pending;
  // The failed conditions in words, one sentence each, joined by "; ".
  std::string details;
};

// OK and WARN → passed, ERROR → failed, NONE → pending. Errors are named `gate`.
// Throws SonarError.
GateOutcome read_gate(const std::string& text);

}  // namespace cib::sonar
