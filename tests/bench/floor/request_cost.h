// What a content costs in Bitbucket Cloud requests, once the debounce has decided it must be
// seen, and what the same call costs when sent naively.
#pragma once

#include <cstdint>

#include "floor_types.h"

namespace cib::bench {

// Code Insights limits: annotations per bulk request, annotations kept per report.
inline constexpr std::int64_t kAnnotationsPerRequest = 100;
inline constexpr std::int64_t kAnnotationsPerReport = 1000;

// Requests that turn the host's copy from `before` (nullptr: nothing delivered yet) into
// `after`; 0 when they are equal. Status and comment: 1. Report: a PUT plus the annotation
// chunks the first time; later the cheaper of patching the annotations (changed or added ones
// in chunks, one DELETE per removed one, plus a PUT when the report fields changed) and
// replacing the report (DELETE, PUT, every annotation in chunks).
std::int64_t request_cost(const SlotContent* before, const SlotContent& after);

// Reads a slot that does not know the host makes before its first write. A comment: a listing
// of its PR's comments, 100 a page (at least one page), once per PR and process. A report: one
// GET of the report, which a host without it answers 404.
std::int64_t comment_lookup_cost(std::int64_t comments_on_pr);
std::int64_t report_lookup_cost();

// Requests today's plugins spend on one call: one, and one per annotation for reports.
std::int64_t naive_cost(const SlotContent& call);

// Requests today's Sonar plugins spend on one analysis's report: a DELETE and a PUT of the
// report, then its annotations (at most the host's cap) in bulk POSTs, whatever changed.
std::int64_t naive_sonar_cost(const trace::ReportOp& report);

}  // namespace cib::bench
