#include "report_diff.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "floor_types.h"
#include "trace_words.h"

namespace cib::bench {

using trace::AnnotationOp;
using trace::ReportOp;

std::int64_t chunks(std::int64_t n, std::int64_t per) {
  return n <= 0 ? 0 : (n + per - 1) / per;
}

std::vector<AnnotationOp> kept_annotations(const ReportOp& report, std::int64_t cap) {
  std::vector<AnnotationOp> kept = report.annotations;
  if (static_cast<std::int64_t>(kept.size()) <= cap) return kept;
  const auto order = [](const AnnotationOp& a) {
    return std::make_tuple(trace::word_index(trace::kSeverityWords, a.severity),
                           trace::word_index(trace::kFindingTypeWords, a.type), a.path, a.line,
                           a.id);
  };
  std::sort(kept.begin(), kept.end(),
            [&](const AnnotationOp& a, const AnnotationOp& b) { return order(a) < order(b); });
  kept.resize(static_cast<std::size_t>(cap));
  return kept;
}

AnnotationDiff diff_annotations(const ReportOp& before, const ReportOp& after, std::int64_t cap) {
  const std::vector<AnnotationOp> old_kept = kept_annotations(before, cap);
  const std::vector<AnnotationOp> new_kept = kept_annotations(after, cap);
  std::map<std::string, const AnnotationOp*> old_by_id;
  for (const AnnotationOp& a : old_kept) old_by_id[a.id] = &a;

  AnnotationDiff diff;
  diff.kept = static_cast<std::int64_t>(new_kept.size());
  for (const AnnotationOp& a : new_kept) {
    const auto found = old_by_id.find(a.id);
    if (found == old_by_id.end()) {
      ++diff.added;
      continue;
    }
    if (*found->second != a) {
      ++diff.changed;
      diff.changed_or_removed_ids.push_back(a.id);
    }
    old_by_id.erase(found);
  }
  diff.removed = static_cast<std::int64_t>(old_by_id.size());
  for (const auto& entry : old_by_id) diff.changed_or_removed_ids.push_back(entry.first);
  return diff;
}

bool report_fields_changed(const ReportOp& before, const ReportOp& after, std::int64_t cap) {
  const auto left_out = [cap](const ReportOp& r) {
    return std::max<std::int64_t>(0, static_cast<std::int64_t>(r.annotations.size()) - cap);
  };
  return !before.same_report_fields(after) || left_out(before) != left_out(after);
}

std::int64_t single_request_cost(const SlotContent* before, const SlotContent& after) {
  return before != nullptr && *before == after ? 0 : 1;
}

Lookup thread_listing(const std::string& repo, std::int64_t pr) {
  return Lookup{"thread " + repo + " " + std::to_string(pr), 1};
}

Lookup commit_pull_requests(const std::string& repo, const std::string& commit) {
  return Lookup{"pulls " + repo + " " + commit, 1};
}

Lookup own_copy(const SlotContent& content) {
  return Lookup{"slot " + slot_key(content), 1};
}

std::int64_t PricedReportShapes::request_cost(const SlotContent* before,
                                              const SlotContent& after) const {
  const auto* report = std::get_if<ReportOp>(&after);
  if (report == nullptr) return single_request_cost(before, after);
  if (before == nullptr) return first_(*report);
  if (*before == after) return 0;
  return changed_(std::get<ReportOp>(*before), *report);
}

std::vector<Lookup> PricedReportShapes::cold_lookups(const SlotContent& content) const {
  if (const auto* comment = std::get_if<trace::CommentOp>(&content)) {
    return {thread_listing(comment->repo, comment->pr)};
  }
  if (read_reports_ && std::holds_alternative<ReportOp>(content)) return {own_copy(content)};
  return {};
}

}  // namespace cib::bench
