#include "naive_gitlab_requests.h"

#include <variant>

#include "providers/annotation_cap.h"
#include "providers/gitlab/answers.h"
#include "providers/gitlab/bodies.h"
#include "providers/gitlab/status_post.h"
#include "providers/gitlab/targets.h"
#include "providers/host_exchange.h"
#include "providers/report_note.h"

namespace cib::bench {
namespace {

// The library's cap on the findings a GitLab report holds.
constexpr std::size_t kAnnotationsPerReport = 1000;

void post_note(const std::string& repo, std::int64_t merge_request, const std::string& text,
               HostExchange& exchange) {
  HttpRequest request;
  request.method = "POST";
  request.target = gitlab::notes_target(repo, merge_request);
  request.body = gitlab::note_body(text);
  request.idempotent = false;
  exchange.send(request);
}

}  // namespace

DeliveryOutcome send_naive_gitlab(const NaiveCall& call, Sender& sender) {
  HostExchange exchange(sender, gitlab::error_message);
  if (const auto* status = std::get_if<StatusContent>(&call.content)) {
    gitlab::post_status(call.slot, *status, exchange);
  } else if (const auto* comment = std::get_if<CommentContent>(&call.content)) {
    post_note(call.slot.repo, call.slot.pr, comment->body, exchange);
  } else {
    const ReportContent kept =
        cap_annotations(std::get<ReportContent>(call.content), kAnnotationsPerReport);
    post_note(call.slot.repo, call.thread, render_report_note(call.slot.key, kept), exchange);
  }
  return exchange.outcome();
}

}  // namespace cib::bench
