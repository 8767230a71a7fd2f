#include "providers/bitbucket_dc/report_plan.h"

#include <map>

#include "providers/bitbucket_dc/targets.h"

namespace cib::bitbucket_dc {

namespace {

using Kind = ReportStep::Kind;

ReportStep step_of(Kind kind) {
  ReportStep step;
  step.kind = kind;
  return step;
}

// Ids the host may hold that are not as desired: removed, changed, or of unknown content.
std::vector<std::string> stale_ids(const ReportDigests& desired, const RemoteState& remote) {
  std::map<std::string, std::string> wanted(desired.annotations.begin(), desired.annotations.end());
  std::vector<std::string> ids;
  for (const auto& held : remote.annotations) {
    const auto found = wanted.find(held.first);
    if (found == wanted.end() || held.second.empty() || held.second != found->second) {
      ids.push_back(held.first);
    }
  }
  return ids;
}

// One DELETE per run of ids whose query fits `max_query_bytes` (always at least one id).
void append_deletes(const std::vector<std::string>& ids, std::size_t max_query_bytes,
                    ReportPlan& plan) {
  std::size_t bytes = 0;
  for (const std::string& id : ids) {
    const std::size_t more = external_id_query_bytes(id);
    if (plan.empty() || plan.back().kind != Kind::delete_annotations ||
        bytes + more > max_query_bytes) {
      plan.push_back(step_of(Kind::delete_annotations));
      bytes = 0;
    }
    plan.back().external_ids.push_back(id);
    bytes += more;
  }
}

void append_post(std::vector<std::size_t> items, ReportPlan& plan) {
  if (items.empty()) return;
  ReportStep step = step_of(Kind::post_annotations);
  step.items = std::move(items);
  plan.push_back(std::move(step));
}

}  // namespace

ReportPlan plan_report(const ReportDigests& desired, const RemoteState& remote, bool force,
                       std::size_t max_query_bytes) {
  ReportPlan plan;
  const bool fields_held = !force && remote.report_known && remote.report_digest == desired.report;
  if (!fields_held) plan.push_back(step_of(Kind::put_report));
  if (force || remote.annotations.count(kUnknownAnnotations) != 0) {
    plan.push_back(step_of(Kind::delete_all_annotations));
    append_post(changed_annotations(desired, RemoteState{}), plan);
    return plan;
  }
  append_deletes(stale_ids(desired, remote), max_query_bytes, plan);
  append_post(changed_annotations(desired, remote), plan);
  return plan;
}

}  // namespace cib::bitbucket_dc
