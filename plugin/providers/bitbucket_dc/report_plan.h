// Which requests bring a Code Insights report on Bitbucket Data Center from what RemoteState says
// the host holds to the desired report. DC keeps a report's annotations when the report is PUT
// again, takes all new annotations in one POST, and does not de-duplicate a POST by external id:
// an annotation that changed is deleted before it is posted again. Pure: the provider executes
// the steps in order and updates RemoteState after each, so a plan cut short is re-planned from
// where it stopped.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model/remote_state.h"
#include "providers/report_digests.h"

namespace cib::bitbucket_dc {

// The key RemoteState::annotations holds when the host may hold annotations whose external ids
// this process does not know (a report found on a cold start): they are all deleted. Never an
// annotation's id (ids are not empty).
constexpr const char* kUnknownAnnotations = "";

struct ReportStep {
  enum class Kind {
    put_report,              // PUT .../reports/{id}: the fields; the annotations stay
    delete_all_annotations,  // DELETE .../annotations (no externalId): all of them
    delete_annotations,      // DELETE .../annotations?externalId=...: `external_ids`
    post_annotations,        // POST .../annotations: `items`
  };
  Kind kind = Kind::put_report;
  std::vector<std::size_t> items;         // post_annotations: indices into the annotations
  std::vector<std::string> external_ids;  // delete_annotations

  bool operator==(const ReportStep& o) const {
    return kind == o.kind && items == o.items && external_ids == o.external_ids;
  }
};

using ReportPlan = std::vector<ReportStep>;

// PUT when the fields the host holds are not known to be the desired ones; then, when the host
// may hold annotations it does not know of (or `force`, which trusts nothing), DELETE all and
// POST every desired annotation; otherwise one DELETE of the changed and removed ids (split so
// each query stays within `max_query_bytes`) and one POST of the changed and new ones. Nothing
// when nothing changed.
ReportPlan plan_report(const ReportDigests& desired, const RemoteState& remote, bool force,
                       std::size_t max_query_bytes);

}  // namespace cib::bitbucket_dc
