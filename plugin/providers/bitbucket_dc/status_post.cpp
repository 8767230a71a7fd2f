#include "providers/bitbucket_dc/status_post.h"

#include "providers/bitbucket_dc/answers.h"
#include "providers/bitbucket_dc/bodies.h"
#include "providers/bitbucket_dc/targets.h"

namespace cib::bitbucket_dc {

void post_status(const SlotId& slot, const StatusContent& status, BuildsResource& resource,
                 HostExchange& exchange) {
  HttpRequest request;
  request.method = "POST";
  request.body = status_body(slot.key, status);
  const std::string legacy_target = legacy_status_target(slot.commit);
  if (!resource.legacy.load()) {
    request.target = status_target(slot.repo, slot.commit);
    const HttpResponse response = exchange.send(request, {404});
    if (is_success(response.status)) return;
    if (names_missing_object(response.body)) throw exchange.host_error(request, response);
    resource.legacy.store(true);
  }
  request.target = legacy_target;
  exchange.send(request);
}

}  // namespace cib::bitbucket_dc
