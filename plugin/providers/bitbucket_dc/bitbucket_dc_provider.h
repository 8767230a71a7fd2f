// The Bitbucket Data Center provider: build statuses, keyed PR comments and Code Insights reports
// over the server's REST API (/rest/api/latest, /rest/insights/latest).
#pragma once

#include <string>

#include "providers/bitbucket_dc/status_post.h"
#include "providers/comment_index.h"
#include "providers/provider.h"

namespace cib {

class BitbucketDataCenterProvider final : public Provider {
 public:
  // Keeps the server's base URL and the comments mode. Deliveries may run on several threads at
  // once.
  explicit BitbucketDataCenterProvider(const Settings& settings);

  // DC's default per-report cap (an instance may lower it; a POST past it is refused whole).
  std::size_t max_annotations_per_report() const override { return 1000; }
  DeliveryOutcome deliver(const SlotId& slot, const Content& desired, bool force,
                          RemoteState& remote, Sender& sender) override;

 private:
  std::string api_url_;
  CommentsMode comments_mode_;
  // Learnt from the first status: whether the server predates the repository builds resource.
  bitbucket_dc::BuildsResource builds_;
  // The keyed comments of the PRs this provider listed: a PR's activities are read once.
  CommentIndex comment_index_;
};

}  // namespace cib
