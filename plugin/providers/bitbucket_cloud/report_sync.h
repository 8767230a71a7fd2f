// Executes a report plan against Bitbucket Cloud, step by step, keeping RemoteState true to what
// the host may hold after every step, also when a step fails half-way.
#pragma once

#include <string>

#include "model/content.h"
#include "providers/host_exchange.h"

namespace cib::bitbucket_cloud {

// `report` is already capped to the host's limit. Report id = slot.key. A slot that does not
// know the host (remote.host_known false) first learns what it holds (held_report.h), so that a
// new agent neither re-sends what is there nor leaves a stale annotation; `api_url` resolves the
// host's pagination links.
void sync_report(const SlotId& slot, const ReportContent& report, bool force,
                 const std::string& api_url, RemoteState& remote, HostExchange& exchange);

}  // namespace cib::bitbucket_cloud
