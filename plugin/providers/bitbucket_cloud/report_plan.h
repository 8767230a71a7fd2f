// Which requests bring a Code Insights report on Bitbucket Cloud from what RemoteState says the
// host holds to the desired report, at the least cost. Pure: the provider executes the steps in
// order and updates RemoteState after each, so a plan cut short is re-planned from where it
// stopped.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "providers/provider.h"
#include "providers/report_digests.h"

namespace cib::bitbucket_cloud {

// The host's bulk endpoint takes at most this many annotations per request.
constexpr std::size_t kAnnotationsPerPost = 100;

using cib::ReportDigests;

struct ReportStep {
  enum class Kind {
    delete_report,      // DELETE .../reports/{id}; 404 counts as done
    put_report,         // PUT .../reports/{id}
    post_annotations,   // POST .../annotations with `items`
    delete_annotation,  // DELETE .../annotations/{external_id}; 404 counts as done
  };
  Kind kind = Kind::put_report;
  std::vector<std::size_t> items;  // post_annotations: indices into ReportDigests::annotations
  std::string external_id;         // delete_annotation

  bool operator==(const ReportStep& o) const {
    return kind == o.kind && items == o.items && external_id == o.external_id;
  }
};

using ReportPlan = std::vector<ReportStep>;

// Chooses among:
//  A (report held with these fields): DELETE each removal, POST the changed/new annotations;
//    ceil(u/100) + r requests; empty when nothing changed.
//  C (report missing, unknown or changed): PUT, DELETE each removal, POST all desired (a PUT may
//    or may not drop the annotations, so none is trusted); 1 + ceil(n/100) + r.
//  B (any case): DELETE the report, PUT, POST all desired; 2 + ceil(n/100).
// The cheaper wins, A or C on a tie. Removals go before posts so the report never holds more
// than the host's cap in between. `force` trusts nothing RemoteState says the host holds, but
// still deletes the annotations it says may exist.
ReportPlan plan_report(const ReportDigests& desired, const RemoteState& remote, bool force);

// Requests a plan sends.
std::size_t plan_cost(const ReportPlan& plan);

}  // namespace cib::bitbucket_cloud
