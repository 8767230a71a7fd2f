#include "providers/bitbucket_dc/bitbucket_dc_provider.h"

#include <variant>

#include "providers/annotation_cap.h"
#include "providers/bitbucket_dc/answers.h"
#include "providers/bitbucket_dc/bodies.h"
#include "providers/bitbucket_dc/comment_sync.h"
#include "providers/bitbucket_dc/report_sync.h"
#include "providers/host_exchange.h"

namespace cib {

BitbucketDataCenterProvider::BitbucketDataCenterProvider(const Settings& settings)
    : api_url_(settings.api_url), comments_mode_(settings.comments_mode) {}

DeliveryOutcome BitbucketDataCenterProvider::deliver(const SlotId& slot, const Content& desired,
                                                     bool force, RemoteState& remote,
                                                     Sender& sender) {
  HostExchange exchange(sender, bitbucket_dc::error_words);
  if (const auto* status = std::get_if<StatusContent>(&desired)) {
    bitbucket_dc::post_status(slot, *status, builds_, exchange);
  } else if (const auto* comment = std::get_if<CommentContent>(&desired)) {
    bitbucket_dc::sync_comment(slot, comment->body, comments_mode_, comment_index_, remote,
                               exchange);
  } else {
    const ReportContent capped = bitbucket_dc::capped_report(
        cap_annotations(std::get<ReportContent>(desired), max_annotations_per_report()));
    bitbucket_dc::sync_report(slot, capped, force, api_url_, remote, exchange);
  }
  return exchange.outcome();
}

}  // namespace cib
