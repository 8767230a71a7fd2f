#include "providers/bitbucket_cloud/bitbucket_cloud_provider.h"

#include <variant>

#include "providers/annotation_cap.h"
#include "providers/bitbucket_cloud/answers.h"
#include "providers/bitbucket_cloud/bodies.h"
#include "providers/bitbucket_cloud/comment_sync.h"
#include "providers/bitbucket_cloud/report_sync.h"
#include "providers/bitbucket_cloud/targets.h"
#include "providers/host_exchange.h"

namespace cib {

namespace {

// A status POST overwrites the status of the same key: idempotent, so simply retried.
void post_status(const SlotId& slot, const StatusContent& status, HostExchange& exchange) {
  HttpRequest request;
  request.method = "POST";
  request.target = bitbucket_cloud::status_target(slot.repo, slot.commit);
  request.body = bitbucket_cloud::status_body(slot.key, status);
  exchange.send(request);
}

}  // namespace

BitbucketCloudProvider::BitbucketCloudProvider(const Settings& settings)
    : api_url_(settings.api_url), comments_mode_(settings.comments_mode) {}

DeliveryOutcome BitbucketCloudProvider::deliver(const SlotId& slot, const Content& desired,
                                                bool force, RemoteState& remote, Sender& sender) {
  HostExchange exchange(sender, bitbucket_cloud::error_words);
  if (const auto* status = std::get_if<StatusContent>(&desired)) {
    post_status(slot, *status, exchange);
  } else if (const auto* comment = std::get_if<CommentContent>(&desired)) {
    bitbucket_cloud::sync_comment(slot, comment->body, comments_mode_, {api_url_, comment_index_},
                                  remote, exchange);
  } else {
    const auto& report = std::get<ReportContent>(desired);
    bitbucket_cloud::sync_report(slot, cap_annotations(report, max_annotations_per_report()), force,
                                 api_url_, remote, exchange);
  }
  return exchange.outcome();
}

}  // namespace cib
