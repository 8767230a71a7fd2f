// The GitLab provider (REST API v4, gitlab.com or self-managed): commit statuses, keyed merge
// request notes, and reports (SonarQube's included) as one merge request note each.
#pragma once

#include "providers/comment_index.h"
#include "providers/gitlab/merge_request_lookup.h"
#include "providers/provider.h"

namespace cib {

class GitLabProvider final : public Provider {
 public:
  // Keeps the comments mode. Deliveries may run on several threads at once.
  explicit GitLabProvider(const Settings& settings) : comments_mode_(settings.comments_mode) {}

  DeliveryOutcome deliver(const SlotId& slot, const Content& desired, bool force,
                          RemoteState& remote, Sender& sender) override;
  // A report is a note that people read: its 50 most severe findings (fixed order) are shown,
  // and its details say how many more there are. 50 rows of bounded cells keep a note far below
  // GitLab's 1,000,000-character limit and readable on the merge request page.
  std::size_t max_annotations_per_report() const override { return 50; }

 private:
  CommentsMode comments_mode_;
  // The keyed notes of the merge requests this provider listed: each is listed once.
  CommentIndex note_index_;
  gitlab::MergeRequestCache merge_requests_;
};

}  // namespace cib
