// Executes a report plan against Bitbucket Cloud, step by step, keeping RemoteState true to what
// the host may hold after every step, also when a step fails half-way.
#pragma once

#include "model/content.h"
#include "providers/bitbucket_cloud/host_exchange.h"

namespace cib::bitbucket_cloud {

// `report` is already capped to the host's limit. Report id = slot.key.
void sync_report(const SlotId& slot, const ReportContent& report, bool force, RemoteState& remote,
                 HostExchange& exchange);

// The baseline: one PUT of the report, then one PUT per annotation.
void put_naive_report(const SlotId& slot, const ReportContent& report, HostExchange& exchange);

}  // namespace cib::bitbucket_cloud
