// What every host's report shapes share: the annotations a host keeps under its cap, how two
// deliveries of a report differ, and the names of the reads a cold process makes once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "floor_types.h"
#include "host_shapes.h"

namespace cib::bench {

// Requests that carry n items, `per` at a time.
std::int64_t chunks(std::int64_t n, std::int64_t per);

// The annotations a host keeps when a report has more than `cap`: the first ones in a fixed
// order (severity, type, path, line, id), so that re-analyses do not churn. All of them, in the
// report's order, when there are no more.
std::vector<trace::AnnotationOp> kept_annotations(const trace::ReportOp& report, std::int64_t cap);

// How the kept annotations of `after` differ from those of `before`, by annotation id.
struct AnnotationDiff {
  std::int64_t added = 0;
  std::int64_t changed = 0;
  std::int64_t removed = 0;
  std::int64_t kept = 0;  // annotations `after` keeps
  std::vector<std::string> changed_or_removed_ids;
};
AnnotationDiff diff_annotations(const trace::ReportOp& before, const trace::ReportOp& after,
                                std::int64_t cap);

// Whether the fields a report request carries differ, counting the sentence that says how many
// annotations beyond `cap` were left out.
bool report_fields_changed(const trace::ReportOp& before, const trace::ReportOp& after,
                           std::int64_t cap);

// 0 when the contents are equal, else 1: a status or a keyed comment is one request.
std::int64_t single_request_cost(const SlotContent* before, const SlotContent& after);

// The reads a cold process makes once: a PR's comment listing (max(1, ceil(comments/100))
// pages; the host holds none of ours before the first write), the pull requests of a commit,
// and one slot's own copy.
Lookup thread_listing(const std::string& repo, std::int64_t pr);
Lookup commit_pull_requests(const std::string& repo, const std::string& commit);
Lookup own_copy(const SlotContent& content);

// A host where a status or a comment is one request and a report costs `first` on its first
// delivery and `changed` on a re-post that differs. Cold start: a comment lists its PR; a
// report, with `read_reports`, reads its own copy. A plugin without cibatch re-creates a Sonar
// report.
class PricedReportShapes : public HostShapes {
 public:
  using FirstCost = std::int64_t (*)(const trace::ReportOp& report);
  using ChangedCost = std::int64_t (*)(const trace::ReportOp& before, const trace::ReportOp& after);

  PricedReportShapes(FirstCost first, ChangedCost changed, bool read_reports)
      : first_(first), changed_(changed), read_reports_(read_reports) {}

  std::int64_t request_cost(const SlotContent* before, const SlotContent& after) const override;
  std::vector<Lookup> cold_lookups(const SlotContent& content) const override;

  // Today's Sonar plugins: a DELETE of the report, then its first delivery.
  std::int64_t naive_sonar_cost(const trace::ReportOp& report) const override {
    return 1 + first_(report);
  }

 private:
  FirstCost first_;
  ChangedCost changed_;
  bool read_reports_;
};

}  // namespace cib::bench
