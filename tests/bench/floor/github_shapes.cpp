// GitHub with an App (docs/hosts/github.md): a status or an issue comment is one request; a report
// is a check run. Its first delivery creates the run with the first 50 annotations and PATCHes the
// rest 50 at a time (at most 1,000 kept). Annotations only append on GitHub: a re-post that
// only adds findings PATCHes the same run with the added ones (one PATCH when only the fields
// changed); one that changes or removes a finding creates a new run. Cold start: a PR's comment
// listing; no read for check runs (a new run of the same name replaces the old one). A finding
// without a file cannot be an annotation: the run's summary counts it instead.
#include <algorithm>

#include "host_shapes.h"
#include "report_diff.h"

namespace cib::bench {
namespace {

using trace::ReportOp;

constexpr std::int64_t kPerRequest = 50;
constexpr std::int64_t kPerReport = 1000;

// A POST of the run with the first 50, then PATCHes of the rest.
std::int64_t new_check_run_cost(std::int64_t annotations) {
  return 1 + chunks(std::max<std::int64_t>(0, annotations - kPerRequest), kPerRequest);
}

// The report as its check run holds it: the 1,000 kept findings (the library's cap, in the
// fixed order), less those without a file.
ReportOp as_check_run(const ReportOp& report) {
  ReportOp run = report;
  run.annotations = kept_annotations(report, kPerReport);
  run.annotations.erase(std::remove_if(run.annotations.begin(), run.annotations.end(),
                                       [](const auto& a) { return a.path.empty(); }),
                        run.annotations.end());
  return run;
}

std::int64_t first_report_cost(const ReportOp& report) {
  return new_check_run_cost(static_cast<std::int64_t>(as_check_run(report).annotations.size()));
}

std::int64_t changed_report_cost(const ReportOp& before, const ReportOp& after) {
  const AnnotationDiff diff =
      diff_annotations(as_check_run(before), as_check_run(after), kPerReport);
  if (diff.changed > 0 || diff.removed > 0) return new_check_run_cost(diff.kept);
  return std::max<std::int64_t>(1, chunks(diff.added, kPerRequest));
}

class GitHubCheckShapes final : public PricedReportShapes {
 public:
  GitHubCheckShapes() : PricedReportShapes(first_report_cost, changed_report_cost, false) {}

  // One request; a report a new check run with all it can hold, 50 a request.
  std::int64_t naive_cost(const SlotContent& call) const override {
    const auto* report = std::get_if<ReportOp>(&call);
    return report == nullptr ? 1 : naive_sonar_cost(*report);
  }

  std::int64_t naive_sonar_cost(const ReportOp& report) const override {
    return first_report_cost(report);
  }
};

}  // namespace

std::unique_ptr<HostShapes> make_github_check_shapes() {
  return std::make_unique<GitHubCheckShapes>();
}

}  // namespace cib::bench
