#include "core/request_sender.h"

namespace cib {

HttpResponse RequestSender::send(const HttpRequest& request) {
  if (slot_ != nullptr && sent_ > 0) {
    std::lock_guard<std::mutex> lock(core_.mutex);
    if (slot_->order.counter != seq_) throw SupersededError();
  }
  HttpRequest authorised = request;
  authorised.headers.emplace_back("Authorization", core_.authorization);
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
