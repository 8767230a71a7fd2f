// Build statuses on Bitbucket Data Center: one POST per status, which replaces the status of the
// same key on the commit. Servers before 7.4 have no repository-based builds resource: they
// answer 404 there, and the legacy build-status resource takes the same body.
#pragma once

#include <atomic>

#include "model/content.h"
#include "providers/host_exchange.h"

namespace cib::bitbucket_dc {

// Which resource a server takes statuses on, learnt once per provider (one host).
struct BuildsResource {
  std::atomic<bool> legacy{false};
};

// POSTs `status` under `slot.key` to the repository's builds resource, or to the legacy one
// once `resource` says so. A 404 there that does not name a missing project, repository or
// commit means an older server: the same status is sent to the legacy resource, and `resource`
// remembers it for every later status.
void post_status(const SlotId& slot, const StatusContent& status, BuildsResource& resource,
                 HostExchange& exchange);

}  // namespace cib::bitbucket_dc
