#include "core/request_sender.h"

#include "core/spool_link.h"

namespace cib {

HttpResponse RequestSender::send(const HttpRequest& request) {
  if (slot_ != nullptr && sent_ > 0) {
    std::lock_guard<std::mutex> lock(core_.mutex);
    if (slot_->seq != seq_) throw SupersededError();
  }
  // The provider changes RemoteState only on this thread, between requests.
  if (lease_ != nullptr) checkpoint(core_, slot_->id, slot_->remote(), *lease_);
  HttpRequest authorised = request;
  authorised.headers.emplace_back("Authorization", core_.credential.header());
  authorised.headers.emplace_back("Accept", "application/json");
  ++sent_;
  ++core_.stats.requests;
  switch (kind_) {
    case SlotKind::status:
      ++core_.stats.requests_status;
      break;
    case SlotKind::comment:
      ++core_.stats.requests_comment;
      break;
    case SlotKind::report:
      ++core_.stats.requests_report;
      break;
  }
  HttpResponse response = core_.http.send(authorised);
  if (response.status == 429) ++core_.stats.rate_limited;
  core_.log(LogLevel::debug,
            request.method + " " + request.target + " -> " + std::to_string(response.status));
  return response;
}

}  // namespace cib
