#include "core/request_sender.h"

#include "budget/budget_wait.h"
#include "core/secret_redaction.h"
#include "core/spool_link.h"
#include "runtime/secret_text.h"

namespace cib {

void RequestSender::learn(const HttpResponse& response) {
  // The answer is what counts; a budget store that fails here costs only what it would teach.
  try {
    const std::optional<std::int64_t> pause = core_.budget->observe(response);
    if (pause) advised_pause_ms_ = *pause;
    const std::string notice = core_.budget->learned_notice();
    if (!notice.empty()) core_.log(LogLevel::warning, notice);
  } catch (const std::exception& e) {
    core_.log(LogLevel::warning, std::string("budget: ") + e.what());
  }
}

std::string RequestSender::redact(const std::string& text) const {
  WipedStrings secrets;
  core_.credential.add_secrets(secrets.items);
  return cib::redact(text, secrets.items);
}

void RequestSender::count(const HttpRequest& request) {
  ++sent_;
  ++core_.stats.requests;
  if (request.items > 1) core_.stats.batched += static_cast<std::uint64_t>(request.items - 1);
  switch (slot_.id.kind) {
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
}

HttpResponse RequestSender::send_authorised(const HttpRequest& request) {
  HttpRequest authorised = request;
  authorised.headers.emplace_back("Authorization", core_.credential.header());
  authorised.headers.emplace_back("Accept", "application/json");
  // The plain header lives only while the request is sent.
  struct WipeHeader {
    std::string& value;
    ~WipeHeader() { wipe(value); }
  } wipe_header{authorised.headers[authorised.headers.size() - 2].second};
  count(request);
  HttpResponse response = core_.http.send(authorised);
  // An error answer may quote the request back; what it says reaches reports and logs.
  if (response.status < 200 || response.status >= 300) {
    WipedStrings secrets;
    core_.credential.add_secrets(secrets.items);
    response.body = cib::redact(response.body, secrets.items);
  }
  return response;
}

HttpResponse RequestSender::send(const HttpRequest& request) {
  if (sent_ > 0) {
    std::lock_guard<std::mutex> lock(core_.mutex);
    if (slot_.seq != seq_) throw SupersededError();
  }
  // The provider changes RemoteState only on this thread, between requests.
  if (lease_ != nullptr) checkpoint(core_, slot_.id, slot_.remote(), *lease_);
  const Ticket ticket = core_.budget->take(classify_request(priority_, request));
  if (!ticket.granted) throw BudgetWaitError(priority_, ticket);
  HttpResponse response = send_authorised(request);
  scrub_stack_and_registers();  // what sending left below this frame held the credential
  // The pause is in the shared store before the 429 is counted: whoever reads the count may
  // rely on every client of the account already holding back.
  learn(response);
  if (response.status == 429) ++core_.stats.rate_limited;
  core_.log(LogLevel::debug,
            request.method + " " + request.target + " -> " + std::to_string(response.status));
  return response;
}

}  // namespace cib
