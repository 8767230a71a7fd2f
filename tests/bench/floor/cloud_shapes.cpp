// Bitbucket Cloud (docs/TRACES.md): a status or a comment is one request; a report a PUT and
// its annotations in bulk POSTs of 100, at most 1,000 kept. A re-post takes the cheaper of
// patching the annotations (changed or added ones in chunks, one DELETE per removed one, plus
// a PUT when the report fields changed) and replacing the report (DELETE, PUT, every
// annotation). Cold start: a PR's comment listing, and one GET of each report.
#include <algorithm>

#include "host_shapes.h"
#include "report_diff.h"

namespace cib::bench {
namespace {

using trace::ReportOp;

constexpr std::int64_t kPerRequest = 100;
constexpr std::int64_t kPerReport = 1000;

std::int64_t first_report_cost(const ReportOp& report) {
  return 1 + chunks(static_cast<std::int64_t>(kept_annotations(report, kPerReport).size()),
                    kPerRequest);
}

std::int64_t changed_report_cost(const ReportOp& before, const ReportOp& after) {
  const AnnotationDiff diff = diff_annotations(before, after, kPerReport);
  const std::int64_t replace = 2 + chunks(diff.kept, kPerRequest);
  if (!before.same_report_fields(after)) {
    return std::min(1 + chunks(diff.kept, kPerRequest) + diff.removed, replace);
  }
  return std::min(chunks(diff.changed + diff.added, kPerRequest) + diff.removed, replace);
}

class CloudShapes final : public PricedReportShapes {
 public:
  CloudShapes() : PricedReportShapes(first_report_cost, changed_report_cost, true) {}

  // One request, and one PUT per annotation for a report.
  std::int64_t naive_cost(const SlotContent& call) const override {
    const auto* report = std::get_if<ReportOp>(&call);
    return report == nullptr ? 1 : 1 + static_cast<std::int64_t>(report->annotations.size());
  }
};

}  // namespace

std::unique_ptr<HostShapes> make_cloud_shapes() {
  return std::make_unique<CloudShapes>();
}

}  // namespace cib::bench
