// Commit statuses on GitLab: one POST per status, which replaces the status of the same name.
#pragma once

#include "model/content.h"
#include "providers/host_exchange.h"

namespace cib::gitlab {

// How long the core waits at least before it retries a 409 "another update in progress".
constexpr std::int64_t kConflictRetryMs = 1000;

// POSTs `status` under `slot.key`. A 409 (another update of this status is in progress)
// throws a transient HostError the core retries after a backoff. A 400 "Cannot transition
// status via :X from :Y" where Y is the state sent means the host already holds it: delivered.
void post_status(const SlotId& slot, const StatusContent& status, HostExchange& exchange);

}  // namespace cib::gitlab
