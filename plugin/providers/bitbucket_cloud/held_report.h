// What the host holds for a Code Insights report, read back as the digests RemoteState keeps of
// what the provider sends, so that a slot that does not know the host (a new agent, an empty
// spool) plans from the host's copy: an unchanged report or annotation is not sent again, and an
// annotation the desired report lacks is removed.
#pragma once

#include <string>

#include "model/content.h"
#include "providers/host_exchange.h"

namespace cib::bitbucket_cloud {

// Digests of what the provider sends: the report body and one annotation item (bodies.h).
// RemoteState compares these with what the host holds.
std::string report_digest(const ReportContent& report);
std::string annotation_digest(const Annotation& annotation);

// Sets remote.report_known, report_digest and annotations from the host: one GET of the report
// (a 404 means no report, so no annotations), then, when it exists, its annotations 100 a page.
// Something the host holds that the provider never sends gets an empty digest (it matches no
// desired content, so it is rewritten or removed). Sets remote.host_known.
void learn_held_report(const SlotId& slot, const std::string& api_url, RemoteState& remote,
                       HostExchange& exchange);

}  // namespace cib::bitbucket_cloud
