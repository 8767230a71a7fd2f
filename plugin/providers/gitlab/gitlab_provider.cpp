#include "providers/gitlab/gitlab_provider.h"

#include <variant>

#include "providers/annotation_cap.h"
#include "providers/gitlab/answers.h"
#include "providers/gitlab/merge_request_notes.h"
#include "providers/gitlab/status_post.h"
#include "providers/keyed_comment_sync.h"
#include "providers/report_note.h"

namespace cib {

DeliveryOutcome GitLabProvider::deliver(const SlotId& slot, const Content& desired, bool /*force*/,
                                        RemoteState& remote, Sender& sender) {
  HostExchange exchange(sender, gitlab::error_message);
  if (const auto* status = std::get_if<StatusContent>(&desired)) {
    gitlab::post_status(slot, *status, exchange);
  } else if (const auto* comment = std::get_if<CommentContent>(&desired)) {
    gitlab::MergeRequestNotes notes(slot.repo, slot.pr, exchange);
    sync_keyed_comment(CommentPlace{slot.repo, slot.pr, slot.key}, comment->body, comments_mode_,
                       note_index_, notes, remote);
  } else {
    // A report is one note, upserted whatever the comments mode: a re-post replaces it.
    const ReportContent report =
        cap_annotations(std::get<ReportContent>(desired), max_annotations_per_report());
    const std::int64_t merge_request =
        gitlab::merge_request_of(slot.repo, slot.commit, merge_requests_, exchange);
    const std::string key = report_note_key(slot.key);
    gitlab::MergeRequestNotes notes(slot.repo, merge_request, exchange);
    sync_keyed_comment(CommentPlace{slot.repo, merge_request, key},
                       render_report_note(slot.key, report), CommentsMode::upsert, note_index_,
                       notes, remote);
  }
  return exchange.outcome();
}

}  // namespace cib
