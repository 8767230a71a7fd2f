#include "request_cost.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "trace_words.h"

namespace cib::bench {
namespace {

using trace::AnnotationOp;
using trace::ReportOp;

std::int64_t chunks(std::int64_t n) {
  return (n + kAnnotationsPerRequest - 1) / kAnnotationsPerRequest;
}

// The annotations the host keeps when a report has more than its cap: the first ones in a
// fixed order (severity, type, path, line, id), so that re-analyses do not churn.
std::vector<AnnotationOp> kept_annotations(const ReportOp& report) {
  std::vector<AnnotationOp> kept = report.annotations;
  if (static_cast<std::int64_t>(kept.size()) <= kAnnotationsPerReport) return kept;
  const auto order = [](const AnnotationOp& a) {
    return std::make_tuple(trace::word_index(trace::kSeverityWords, a.severity),
                           trace::word_index(trace::kFindingTypeWords, a.type), a.path, a.line,
                           a.id);
  };
  std::sort(kept.begin(), kept.end(),
            [&](const AnnotationOp& a, const AnnotationOp& b) { return order(a) < order(b); });
  kept.resize(static_cast<std::size_t>(kAnnotationsPerReport));
  return kept;
}

std::int64_t first_report_cost(const ReportOp& report) {
  return 1 + chunks(static_cast<std::int64_t>(kept_annotations(report).size()));
}

std::int64_t changed_report_cost(const ReportOp& before, const ReportOp& after) {
  const std::vector<AnnotationOp> old_kept = kept_annotations(before);
  const std::vector<AnnotationOp> new_kept = kept_annotations(after);
  std::map<std::string, const AnnotationOp*> old_by_id;
  for (const AnnotationOp& a : old_kept) old_by_id[a.id] = &a;

  std::int64_t changed_or_added = 0;
  std::int64_t kept_ids = 0;
  for (const AnnotationOp& a : new_kept) {
    const auto found = old_by_id.find(a.id);
    if (found == old_by_id.end()) {
      ++changed_or_added;
      continue;
    }
    ++kept_ids;
    if (*found->second != a) ++changed_or_added;
  }
  const std::int64_t removed = static_cast<std::int64_t>(old_kept.size()) - kept_ids;
  const std::int64_t n = static_cast<std::int64_t>(new_kept.size());
  const std::int64_t replace = 2 + chunks(n);
  if (!before.same_report_fields(after)) return std::min(1 + chunks(n) + removed, replace);
  return std::min(chunks(changed_or_added) + removed, replace);
}

}  // namespace

std::int64_t request_cost(const SlotContent* before, const SlotContent& after) {
  if (before != nullptr && *before == after) return 0;
  const auto* report = std::get_if<ReportOp>(&after);
  if (report == nullptr) return 1;
  if (before == nullptr) return first_report_cost(*report);
  return changed_report_cost(std::get<ReportOp>(*before), *report);
}

std::int64_t comment_lookup_cost(std::int64_t comments_on_pr) {
  return std::max<std::int64_t>(1, (comments_on_pr + 99) / 100);
}

std::int64_t report_lookup_cost() {
  return 1;
}

std::int64_t naive_cost(const SlotContent& call) {
  const auto* report = std::get_if<ReportOp>(&call);
  return report == nullptr ? 1 : 1 + static_cast<std::int64_t>(report->annotations.size());
}

std::int64_t naive_sonar_cost(const trace::ReportOp& report) {
  return 2 + chunks(static_cast<std::int64_t>(kept_annotations(report).size()));
}

}  // namespace cib::bench
