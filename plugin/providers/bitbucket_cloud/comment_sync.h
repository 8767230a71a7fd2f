// Keyed pull-request comments on Bitbucket Cloud: created once, then edited in place. A marker
// line that Bitbucket does not render, `[//]: # (cibatch:KEY)`, finds the comment again after a
// create whose answer was lost.
#pragma once

#include <string>

#include "config/settings.h"
#include "model/content.h"
#include "providers/bitbucket_cloud/host_exchange.h"

namespace cib::bitbucket_cloud {

std::string comment_marker(const std::string& key);

// The text the host holds for a keyed comment: the body, a blank line, the marker.
std::string marked_comment(const std::string& body, const std::string& key);

// Makes the PR hold `body` under `slot.key`. upsert/summary: update the remembered comment (a
// 404/410 or `deleted: true` forgets it), reconcile by marker after an ambiguous create, else
// create. append: always create. Updates remote.remote_id and remote.create_ambiguous.
void sync_comment(const SlotId& slot, const std::string& body, CommentsMode mode,
                  const std::string& api_url, RemoteState& remote, HostExchange& exchange);

// The baseline: one new comment, no marker, no reuse.
void post_naive_comment(const SlotId& slot, const std::string& body, HostExchange& exchange);

}  // namespace cib::bitbucket_cloud
