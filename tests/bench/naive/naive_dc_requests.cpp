#include "naive_dc_requests.h"

#include <string>
#include <variant>
#include <vector>

#include "naive_request.h"
#include "providers/annotation_cap.h"
#include "providers/bitbucket_dc/answers.h"
#include "providers/bitbucket_dc/bodies.h"
#include "providers/bitbucket_dc/status_post.h"
#include "providers/bitbucket_dc/targets.h"
#include "providers/host_exchange.h"

namespace cib::bench {
namespace {

// The library's cap on the annotations one DC report holds (docs/hosts/bitbucket-dc.md).
constexpr std::size_t kAnnotationsPerReport = 1000;

// The report's fields, then every annotation in one POST; a Sonar plugin deletes it first.
void send_report(const NaiveCall& call, const ReportContent& report, HostExchange& exchange) {
  const SlotId& slot = call.slot;
  const std::string target = bitbucket_dc::report_target(slot.repo, slot.commit, slot.key);
  if (call.recreate) exchange.send(request_to("DELETE", target, ""), {404});
  exchange.send(request_to("PUT", target, bitbucket_dc::report_body(report)));
  if (report.annotations.empty()) return;
  std::vector<std::string> items;
  for (const Annotation& annotation : report.annotations) {
    items.push_back(bitbucket_dc::annotation_item(annotation));
  }
  HttpRequest post =
      request_to("POST", bitbucket_dc::annotations_target(slot.repo, slot.commit, slot.key),
                 bitbucket_dc::annotations_body(items));
  post.idempotent = false;
  post.items = static_cast<int>(items.size());
  exchange.send(post);
}

}  // namespace

DeliveryOutcome send_naive_dc(const NaiveCall& call, Sender& sender) {
  HostExchange exchange(sender, bitbucket_dc::error_words);
  if (const auto* status = std::get_if<StatusContent>(&call.content)) {
    // A plugin learns an older server's resource anew on every call.
    bitbucket_dc::BuildsResource resource;
    bitbucket_dc::post_status(call.slot, *status, resource, exchange);
  } else if (const auto* comment = std::get_if<CommentContent>(&call.content)) {
    post_new(bitbucket_dc::comments_target(call.slot.repo, call.slot.pr),
             bitbucket_dc::comment_body(comment->body), exchange);
  } else {
    const ReportContent kept = bitbucket_dc::capped_report(
        cap_annotations(std::get<ReportContent>(call.content), kAnnotationsPerReport));
    send_report(call, kept, exchange);
  }
  return exchange.outcome();
}

}  // namespace cib::bench
