// Hosts cap how many annotations one report may hold. Beyond the cap the kept findings are
// chosen by a fixed order (severity, type, path, line, id), so that re-analyses of the same code
// keep the same findings and a re-post does not churn annotations.
#pragma once

#include <cstddef>

#include "model/content.h"

namespace cib {

// The fixed order: severity (CRITICAL first), type (BUG, VULNERABILITY, CODE_SMELL), path,
// line, id.
bool finding_order_less(const Annotation& a, const Annotation& b);

// Returns `report` with its annotations in the fixed order, one per id (the first in that order
// wins), at most `cap` of them. When findings were dropped, details gains
// " (showing CAP of N findings, by severity)" so readers know the list is partial.
ReportContent cap_annotations(const ReportContent& report, std::size_t cap);

}  // namespace cib
