// Keyed pull-request comments on Bitbucket Cloud: the shared keyed-comment logic
// (providers/keyed_comment_sync.h) over Cloud's comment requests.
#pragma once

#include <string>

#include "config/settings.h"
#include "model/content.h"
#include "providers/comment_index.h"
#include "providers/host_exchange.h"

namespace cib::bitbucket_cloud {

// Where a comment delivery sends and what it may reuse: the API URL (to follow the host's
// pagination links) and the provider's index of the PRs it has listed.
struct CommentContext {
  const std::string& api_url;
  CommentIndex& index;
};

// Makes the PR hold `body` under `slot.key`, as sync_keyed_comment() says; a comment the host
// answers with `deleted: true` is gone.
void sync_comment(const SlotId& slot, const std::string& body, CommentsMode mode,
                  CommentContext context, RemoteState& remote, HostExchange& exchange);

}  // namespace cib::bitbucket_cloud
