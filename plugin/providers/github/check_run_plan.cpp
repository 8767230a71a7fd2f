#include "providers/github/check_run_plan.h"

#include <algorithm>
#include <map>

namespace cib::github {

namespace {

using Kind = CheckRunStep::Kind;

// Steps carrying `items` 50 a time, the first of kind `first`, the rest updates; the last one
// completes the run. At least one step, even without items.
CheckRunPlan chunked(Kind first, const std::vector<std::size_t>& items) {
  CheckRunPlan plan;
  std::size_t start = 0;
  do {
    CheckRunStep step;
    step.kind = plan.empty() ? first : Kind::update;
    const std::size_t end = std::min(items.size(), start + kAnnotationsPerRequest);
    step.items.assign(items.begin() + static_cast<std::ptrdiff_t>(start),
                      items.begin() + static_cast<std::ptrdiff_t>(end));
    plan.push_back(std::move(step));
    start = end;
  } while (start < items.size());
  plan.back().completes = true;
  return plan;
}

// Whether the run holds only annotations the desired one holds unchanged: then it may grow.
bool only_grows(const CheckRunDigests& desired, const RemoteState& remote) {
  std::map<std::string, std::string> wanted(desired.annotations.begin(), desired.annotations.end());
  return std::all_of(remote.annotations.begin(), remote.annotations.end(), [&](const auto& held) {
    const auto found = wanted.find(held.first);
    return found != wanted.end() && found->second == held.second;
  });
}

}  // namespace

CheckRunPlan plan_check_run(const CheckRunDigests& desired, const RemoteState& remote, bool force) {
  std::vector<std::size_t> all(desired.annotations.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  if (force || remote.remote_id.empty() || !only_grows(desired, remote)) {
    return chunked(Kind::create, all);
  }
  std::vector<std::size_t> added;
  for (const std::size_t i : all) {
    if (remote.annotations.count(desired.annotations[i].first) == 0) added.push_back(i);
  }
  const bool fields_held = remote.report_known && remote.report_digest == desired.run;
  if (added.empty() && fields_held) return {};
  return chunked(Kind::update, added);
}

}  // namespace cib::github
