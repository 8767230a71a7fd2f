// Executes a report plan against Bitbucket Data Center's Code Insights, step by step, keeping
// RemoteState true to what the host may hold after every step, also when a step fails half-way.
#pragma once

#include <string>

#include "model/content.h"
#include "providers/host_exchange.h"

namespace cib::bitbucket_dc {

// `report` is already capped (annotations to the host's 1,000, data fields to 6). Report id =
// slot.key. A slot that does not know the host (remote.host_known false) first GETs the report:
// a 404 means nothing is held; a report that exists has its fields compared (PUT only when
// they differ) and holds annotations this process does not know, so they are all deleted before
// the desired ones are posted. `api_url` counts toward the URL length a DELETE of ids may reach.
void sync_report(const SlotId& slot, const ReportContent& report, bool force,
                 const std::string& api_url, RemoteState& remote, HostExchange& exchange);

}  // namespace cib::bitbucket_dc
