// Keyed pull-request comments on Bitbucket Data Center: the shared keyed-comment logic
// (providers/keyed_comment_sync.h) over DC's comment requests. An edit names the comment's
// version, so RemoteState keeps it with the id (comment_lookup.h: "ID@VERSION").
#pragma once

#include <string>

#include "config/settings.h"
#include "model/content.h"
#include "providers/comment_index.h"
#include "providers/host_exchange.h"

namespace cib::bitbucket_dc {

// Makes the PR hold `body` under `slot.key`, as sync_keyed_comment() says. An edit whose version
// is stale (409: someone else edited it) reads the comment's version and is sent once more; a
// second 409 is a transient HostError (retried after a backoff). A 404 on an edit means the comment
// is gone: it is created anew.
void sync_comment(const SlotId& slot, const std::string& body, CommentsMode mode,
                  CommentIndex& index, RemoteState& remote, HostExchange& exchange);

}  // namespace cib::bitbucket_dc
