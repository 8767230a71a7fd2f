// Keyed pull-request comments on Bitbucket Cloud: created once, then edited in place. A marker
// line that Bitbucket does not render, `[//]: # (cibatch:KEY)`, finds the comment again: when
// the slot does not know what the host holds (a new agent, an empty spool) and after a create
// whose answer was lost.
#pragma once

#include <string>

#include "config/settings.h"
#include "model/content.h"
#include "providers/bitbucket_cloud/comment_index.h"
#include "providers/bitbucket_cloud/comment_lookup.h"
#include "providers/bitbucket_cloud/host_exchange.h"

namespace cib::bitbucket_cloud {

// Where a comment delivery sends and what it may reuse: the API URL (to follow the host's
// pagination links) and the provider's index of the PRs it has listed.
struct CommentContext {
  const std::string& api_url;
  CommentIndex& index;
};

// Makes the PR hold `body` under `slot.key`. upsert/summary: a slot that does not know the host
// (remote.host_known false, no id) first finds its comment by marker, listing the PR once per
// provider (`context.index`); a slot whose create may have landed lists the PR afresh. A found
// comment is edited only when its text differs; a remembered one that is gone (404, 410,
// `deleted: true`) is forgotten and created anew. append: always create.
// remote.create_ambiguous is set before a create is sent and cleared when its answer names the
// comment; remote.host_known is set once the host was looked up or written.
void sync_comment(const SlotId& slot, const std::string& body, CommentsMode mode,
                  CommentContext context, RemoteState& remote, HostExchange& exchange);

}  // namespace cib::bitbucket_cloud
