// Delivers a report as a check run (an App's credential): plans the requests
// (check_run_plan.h) and sends them, recording in RemoteState after each what the run holds.
#pragma once

#include "model/content.h"
#include "model/remote_state.h"
#include "providers/github/github_exchange.h"

namespace cib::github {

// `report` is already capped. A run the host no longer has (404 on PATCH) is forgotten and a
// new one made.
void sync_check_run(const SlotId& slot, const ReportContent& report, bool force,
                    RemoteState& remote, GithubExchange& exchange);

}  // namespace cib::github
