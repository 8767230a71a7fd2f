// Bitbucket Data Center (docs/hosts/bitbucket-dc.md): a status or a comment is one request. A
// report is a PUT of its fields, then one POST of all its annotations (at most 1,000 kept). DC does
// not de-duplicate a POST, so a re-post DELETEs the changed and removed annotations by externalId
// (in several DELETEs only when the target would pass ~8,000 bytes) and POSTs the changed and
// added ones; a PUT only when the fields changed (DC keeps the annotations on a PUT). Cold
// start: a PR's activity listing, and one GET of each report.
#include <Poco/URI.h>

#include "host_shapes.h"
#include "report_diff.h"

namespace cib::bench {
namespace {

using trace::ReportOp;

constexpr std::int64_t kPerReport = 1000;
constexpr std::size_t kMaxTargetBytes = 8000;

std::string annotations_target(const ReportOp& report) {
  const std::string::size_type slash = report.repo.find('/');
  return "/rest/insights/latest/projects/" + report.repo.substr(0, slash) + "/repos/" +
         report.repo.substr(slash + 1) + "/commits/" + report.commit + "/reports/" + report.id +
         "/annotations";
}

// DELETEs that name every id in `ids`, each target at most kMaxTargetBytes long.
std::int64_t delete_requests(const ReportOp& report, const std::vector<std::string>& ids) {
  const std::size_t base = annotations_target(report).size();
  std::int64_t requests = 0;
  std::size_t length = kMaxTargetBytes;  // of the DELETE being filled
  for (const std::string& id : ids) {
    std::string encoded;
    Poco::URI::encode(id, "!#$&'()*+,/:;=?@[]", encoded);
    const std::size_t parameter = 1 + std::string("externalId=").size() + encoded.size();
    if (length + parameter > kMaxTargetBytes) {
      ++requests;
      length = base;
    }
    length += parameter;
  }
  return requests;
}

std::int64_t first_report_cost(const ReportOp& report) {
  return 1 + (kept_annotations(report, kPerReport).empty() ? 0 : 1);
}

std::int64_t changed_report_cost(const ReportOp& before, const ReportOp& after) {
  const AnnotationDiff diff = diff_annotations(before, after, kPerReport);
  return (report_fields_changed(before, after, kPerReport) ? 1 : 0) +
         delete_requests(after, diff.changed_or_removed_ids) +
         (diff.changed + diff.added > 0 ? 1 : 0);
}

class DcShapes final : public PricedReportShapes {
 public:
  DcShapes() : PricedReportShapes(first_report_cost, changed_report_cost, true) {}

  // One request; a report its PUT and one POST of all its annotations.
  std::int64_t naive_cost(const SlotContent& call) const override {
    const auto* report = std::get_if<ReportOp>(&call);
    return report == nullptr ? 1 : 1 + (report->annotations.empty() ? 0 : 1);
  }
};

}  // namespace

std::unique_ptr<HostShapes> make_dc_shapes() {
  return std::make_unique<DcShapes>();
}

}  // namespace cib::bench
