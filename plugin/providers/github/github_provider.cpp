#include "providers/github/github_provider.h"

#include <variant>

#include "providers/annotation_cap.h"
#include "providers/github/bodies.h"
#include "providers/github/check_run_sync.h"
#include "providers/github/issue_comments.h"
#include "providers/github/pull_lookup.h"
#include "providers/github/targets.h"
#include "providers/json_answers.h"
#include "providers/keyed_comment_sync.h"
#include "providers/report_note.h"

namespace cib {

namespace {

void post_status(const SlotId& slot, const StatusContent& status,
                 github::GithubExchange& exchange) {
  exchange.send(github::github_request("POST", github::status_target(slot.repo, slot.commit),
                                       github::status_body(slot.key, status)));
}

}  // namespace

GitHubProvider::GitHubProvider(const Settings& settings)
    : comments_mode_(settings.comments_mode),
      api_url_(settings.api_url),
      check_runs_(settings.auth_type == AuthType::github_app &&
                  settings.github_reports == GithubReports::checks),
      comment_reports_reason_(
          settings.auth_type == AuthType::github_app
              ? "github: reports are posted as pull request comments, as github.reports says"
              : "github: reports are posted as pull request comments, because the credential is "
                "not a GitHub App's and only an App may create check runs (host.auth.type: "
                "github-app)") {}

DeliveryOutcome GitHubProvider::deliver(const SlotId& slot, const Content& desired, bool force,
                                        RemoteState& remote, Sender& sender) {
  HostExchange host(sender, error_message);
  github::GithubExchange exchange(host, etags_);
  if (const auto* status = std::get_if<StatusContent>(&desired)) {
    post_status(slot, *status, exchange);
  } else if (const auto* comment = std::get_if<CommentContent>(&desired)) {
    github::IssueComments comments(slot.repo, slot.pr, api_url_, exchange);
    sync_keyed_comment(CommentPlace{slot.repo, slot.pr, slot.key}, comment->body, comments_mode_,
                       comment_index_, comments, remote);
  } else {
    const ReportContent report =
        cap_annotations(std::get<ReportContent>(desired), max_annotations_per_report());
    if (check_runs_) {
      github::sync_check_run(slot, report, force, remote, exchange);
    } else {
      if (!comment_reports_told_.exchange(true)) {
        sender.notice(comment_reports_reason_);
      }
      deliver_report_comment(slot, report, remote, exchange);
    }
  }
  return host.outcome();
}

void GitHubProvider::deliver_report_comment(const SlotId& slot, const ReportContent& report,
                                            RemoteState& remote, github::GithubExchange& exchange) {
  // A report is one comment, upserted whatever the comments mode: a re-post replaces it.
  const std::int64_t pr = github::pull_request_of(slot.repo, slot.commit, pull_requests_, exchange);
  const std::string key = report_note_key(slot.key);
  github::IssueComments comments(slot.repo, pr, api_url_, exchange);
  sync_keyed_comment(CommentPlace{slot.repo, pr, key}, render_report_note(slot.key, report),
                     CommentsMode::upsert, comment_index_, comments, remote);
}

}  // namespace cib
