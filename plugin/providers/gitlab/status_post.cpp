#include "providers/gitlab/status_post.h"

#include "providers/gitlab/answers.h"
#include "providers/gitlab/bodies.h"
#include "providers/gitlab/targets.h"

namespace cib::gitlab {

void post_status(const SlotId& slot, const StatusContent& status, HostExchange& exchange) {
  HttpRequest request;
  request.method = "POST";
  request.target = status_target(slot.repo, slot.commit);
  request.body = status_body(slot.key, status);
  const HttpResponse response = exchange.send(request, {400, 409});
  if (is_success(response.status)) return;
  if (response.status == 400 &&
      transition_from_state(error_message(response.body)) == host_state(status.state)) {
    return;
  }
  const HostError error = exchange.host_error(request, response);
  if (response.status == 409) throw HostError(409, error.what(), kConflictRetryMs, true);
  throw error;
}

}  // namespace cib::gitlab
