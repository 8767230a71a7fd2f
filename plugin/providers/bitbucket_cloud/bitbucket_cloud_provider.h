// The Bitbucket Cloud provider: build statuses, keyed PR comments and Code Insights reports
// over the REST API 2.0.
#pragma once

#include <string>

#include "providers/comment_index.h"
#include "providers/provider.h"

namespace cib {

class BitbucketCloudProvider final : public Provider {
 public:
  // Keeps the API URL (to follow the host's absolute pagination links) and the comments mode.
  // Deliveries may run on several threads at once.
  explicit BitbucketCloudProvider(const Settings& settings);

  DeliveryOutcome deliver(const SlotId& slot, const Content& desired, bool force,
                          RemoteState& remote, Sender& sender) override;
  std::size_t max_annotations_per_report() const override { return 1000; }

 private:
  std::string api_url_;
  CommentsMode comments_mode_;
  // The keyed comments of the PRs this provider listed: a PR is listed once, whatever number of
  // its comment slots arrive without knowing the host.
  CommentIndex comment_index_;
};

}  // namespace cib
