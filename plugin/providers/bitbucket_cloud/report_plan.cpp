#include "providers/bitbucket_cloud/report_plan.h"

#include <set>

namespace cib::bitbucket_cloud {

namespace {

using Kind = ReportStep::Kind;

void append_posts(const std::vector<std::size_t>& items, ReportPlan& plan) {
  for (std::size_t start = 0; start < items.size(); start += kAnnotationsPerPost) {
    ReportStep step;
    step.kind = Kind::post_annotations;
    const std::size_t end = std::min(items.size(), start + kAnnotationsPerPost);
    step.items.assign(items.begin() + static_cast<std::ptrdiff_t>(start),
                      items.begin() + static_cast<std::ptrdiff_t>(end));
    plan.push_back(std::move(step));
  }
}

void append_removals(const ReportDigests& desired, const RemoteState& remote, ReportPlan& plan) {
  std::set<std::string> wanted;
  for (const auto& annotation : desired.annotations) wanted.insert(annotation.first);
  for (const auto& held : remote.annotations) {
    if (wanted.count(held.first) != 0) continue;
    ReportStep step;
    step.kind = Kind::delete_annotation;
    step.external_id = held.first;
    plan.push_back(std::move(step));
  }
}

std::vector<std::size_t> all_items(const ReportDigests& desired) {
  std::vector<std::size_t> items(desired.annotations.size());
  for (std::size_t i = 0; i < items.size(); ++i) items[i] = i;
  return items;
}

ReportStep report_step(Kind kind) {
  ReportStep step;
  step.kind = kind;
  return step;
}

// A: the report stays; only annotations move.
ReportPlan patch_plan(const ReportDigests& desired, const RemoteState& remote) {
  ReportPlan plan;
  append_removals(desired, remote, plan);
  append_posts(changed_annotations(desired, remote), plan);
  return plan;
}

// C: the report is (re)written in place; its annotations are all re-sent.
ReportPlan rewrite_plan(const ReportDigests& desired, const RemoteState& remote) {
  ReportPlan plan{report_step(Kind::put_report)};
  append_removals(desired, remote, plan);
  append_posts(all_items(desired), plan);
  return plan;
}

// B: a clean slate; no removal needed since the report's deletion takes its annotations along.
ReportPlan replace_plan(const ReportDigests& desired) {
  ReportPlan plan{report_step(Kind::delete_report), report_step(Kind::put_report)};
  append_posts(all_items(desired), plan);
  return plan;
}

}  // namespace

ReportPlan plan_report(const ReportDigests& desired, const RemoteState& remote, bool force) {
  const bool fields_held = !force && remote.report_known && remote.report_digest == desired.report;
  ReportPlan preferred = fields_held ? patch_plan(desired, remote) : rewrite_plan(desired, remote);
  ReportPlan replace = replace_plan(desired);
  return plan_cost(preferred) <= plan_cost(replace) ? preferred : replace;
}

std::size_t plan_cost(const ReportPlan& plan) {
  return plan.size();
}

}  // namespace cib::bitbucket_cloud
