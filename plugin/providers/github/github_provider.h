// The GitHub provider (REST API, github.com or Enterprise Server): commit statuses, keyed pull
// request comments (issue comments), and reports as check runs when the credential is an App's
// (github.reports: checks), else as one keyed comment each on the commit's pull request.
#pragma once

#include <atomic>

#include "providers/comment_index.h"
#include "providers/commit_thread_cache.h"
#include "providers/github/github_exchange.h"
#include "providers/provider.h"

namespace cib {

class GitHubProvider final : public Provider {
 public:
  // Keeps the comments mode, the API URL (for page links) and how reports go. Deliveries may
  // run on several threads at once.
  explicit GitHubProvider(const Settings& settings);

  DeliveryOutcome deliver(const SlotId& slot, const Content& desired, bool force,
                          RemoteState& remote, Sender& sender) override;
  // A check run: GitHub takes 50 annotations a request, so 1,000 keep a report within 20
  // requests. A report comment: its 50 most severe findings, as on GitLab, which keeps the
  // comment readable and below GitHub's 65,536 characters.
  std::size_t max_annotations_per_report() const override { return check_runs_ ? 1000 : 50; }

 private:
  void deliver_report_comment(const SlotId& slot, const ReportContent& report, RemoteState& remote,
                              github::GithubExchange& exchange);

  const CommentsMode comments_mode_;
  const std::string api_url_;
  const bool check_runs_;                     // an App's credential and github.reports: checks
  const char* const comment_reports_reason_;  // the line logged once when reports are comments
  std::atomic<bool> comment_reports_told_{false};
  // The keyed comments of the pull requests this provider listed: each is listed once.
  CommentIndex comment_index_;
  CommitThreadCache pull_requests_;
  github::EtagCache etags_;
};

}  // namespace cib
