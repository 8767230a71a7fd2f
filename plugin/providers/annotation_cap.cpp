#include "providers/annotation_cap.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

namespace cib {

bool finding_order_less(const Annotation& a, const Annotation& b) {
  return std::tie(a.severity, a.type, a.path, a.line, a.id) <
         std::tie(b.severity, b.type, b.path, b.line, b.id);
}

namespace {

// Several findings with one id would fight over one remote annotation; keep the first.
std::vector<Annotation> unique_by_id(std::vector<Annotation> sorted) {
  std::set<std::string> seen;
  std::vector<Annotation> unique;
  unique.reserve(sorted.size());
  for (Annotation& a : sorted) {
    if (seen.insert(a.id).second) unique.push_back(std::move(a));
  }
  return unique;
}

}  // namespace

ReportContent cap_annotations(const ReportContent& report, std::size_t cap) {
  ReportContent capped = report;
  std::stable_sort(capped.annotations.begin(), capped.annotations.end(), finding_order_less);
  capped.annotations = unique_by_id(std::move(capped.annotations));
  const std::size_t total = capped.annotations.size();
  if (total <= cap) return capped;
  capped.annotations.resize(cap);
  if (!capped.details.empty()) capped.details += ' ';
  capped.details += "(showing " + std::to_string(cap) + " of " + std::to_string(total) +
                    " findings, by severity)";
  return capped;
}

}  // namespace cib
