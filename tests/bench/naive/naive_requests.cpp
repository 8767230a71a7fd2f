#include "naive_requests.h"

#include <algorithm>
#include <string>
#include <variant>

#include "naive_dc_requests.h"
#include "naive_github_requests.h"
#include "naive_gitlab_requests.h"
#include "naive_request.h"
#include "providers/annotation_cap.h"
#include "providers/bitbucket_cloud/answers.h"
#include "providers/bitbucket_cloud/bodies.h"
#include "providers/bitbucket_cloud/targets.h"
#include "providers/host_exchange.h"

namespace cib::bench {
namespace {

using cib::HostExchange;

// The library's cap on the annotations one Bitbucket Cloud report holds, and the host's limit
// of annotations in one bulk POST.
constexpr std::size_t kAnnotationsPerReport = 1000;
constexpr std::size_t kAnnotationsPerPost = 100;

void post_status(const SlotId& slot, const StatusContent& status, HostExchange& exchange) {
  exchange.send(request_to("POST", bitbucket_cloud::status_target(slot.repo, slot.commit),
                           bitbucket_cloud::status_body(slot.key, status)));
}

void put_report(const SlotId& slot, const ReportContent& report, HostExchange& exchange) {
  exchange.send(request_to("PUT", bitbucket_cloud::report_target(slot.repo, slot.commit, slot.key),
                           bitbucket_cloud::report_body(report)));
  for (const Annotation& annotation : report.annotations) {
    exchange.send(request_to(
        "PUT", bitbucket_cloud::annotation_target(slot.repo, slot.commit, slot.key, annotation.id),
        bitbucket_cloud::single_annotation_body(annotation)));
  }
}

// What today's Sonar plugins do on every analysis: a clean slate, then every annotation again.
void recreate_report(const SlotId& slot, const ReportContent& report, HostExchange& exchange) {
  const std::string target = bitbucket_cloud::report_target(slot.repo, slot.commit, slot.key);
  exchange.send(request_to("DELETE", target, ""), {404});
  exchange.send(request_to("PUT", target, bitbucket_cloud::report_body(report)));
  const auto& all = report.annotations;
  for (std::size_t start = 0; start < all.size(); start += kAnnotationsPerPost) {
    std::vector<std::string> items;
    for (std::size_t i = start; i < std::min(all.size(), start + kAnnotationsPerPost); ++i) {
      items.push_back(bitbucket_cloud::annotation_item(all[i]));
    }
    exchange.send(request_to("POST",
                             bitbucket_cloud::annotations_target(slot.repo, slot.commit, slot.key),
                             bitbucket_cloud::json_array(items)));
  }
}

}  // namespace

DeliveryOutcome send_naive(const NaiveCall& call, Sender& sender, HostKind host,
                           bool github_check_runs) {
  switch (host) {
    case HostKind::gitlab:
      return send_naive_gitlab(call, sender);
    case HostKind::bitbucket_dc:
      return send_naive_dc(call, sender);
    case HostKind::github:
      return send_naive_github(call, sender, github_check_runs);
    case HostKind::bitbucket_cloud:
      break;
  }
  HostExchange exchange(sender, bitbucket_cloud::error_words);
  if (const auto* status = std::get_if<StatusContent>(&call.content)) {
    post_status(call.slot, *status, exchange);
  } else if (const auto* comment = std::get_if<CommentContent>(&call.content)) {
    post_new(bitbucket_cloud::comments_target(call.slot.repo, call.slot.pr),
             bitbucket_cloud::comment_body(comment->body), exchange);
  } else {
    const auto& report = std::get<ReportContent>(call.content);
    const ReportContent kept = cap_annotations(report, kAnnotationsPerReport);
    if (call.recreate) {
      recreate_report(call.slot, kept, exchange);
    } else {
      put_report(call.slot, kept, exchange);
    }
  }
  return exchange.outcome();
}

}  // namespace cib::bench
