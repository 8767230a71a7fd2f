#include "core/request_sender.h"

#include <Poco/String.h>

#include "budget/budget_wait.h"
#include "core/secret_redaction.h"
#include "core/spool_link.h"
#include "runtime/secret_text.h"

namespace cib {

namespace {

// The value of the request's header `name` (case-insensitive); "" when it has none.
std::string header_of(const HttpRequest& request, const std::string& name) {
  for (const auto& header : request.headers) {
    if (Poco::icompare(header.first, name) == 0) return header.second;
  }
  return "";
}

}  // namespace

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

void RequestSender::notice(const std::string& line) {
  core_.log(LogLevel::info, line);
}

void RequestSender::take_budget(const HttpRequest& request) {
  const Ticket ticket = core_.budget->take(classify_request(priority_, request));
  if (!ticket.granted) throw BudgetWaitError(priority_, ticket);
}

void RequestSender::charge_answered(const HttpRequest& request) {
  // Sent already: a refusal changes nothing, and the host's headers say what it counted.
  try {
    core_.budget->take(classify_request(priority_, request));
  } catch (const std::exception& e) {
    core_.log(LogLevel::warning, std::string("budget: ") + e.what());
  }
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
  // A provider that needs its host's media type (GitHub's) names it; others get JSON.
  if (header_of(request, "Accept").empty()) {
    authorised.headers.emplace_back("Accept", "application/json");
  }
  authorised.headers.emplace_back("Authorization", core_.credential.header());
  // The plain header lives only while the request is sent.
  struct WipeHeader {
    std::string& value;
    ~WipeHeader() { wipe(value); }
  } wipe_header{authorised.headers.back().second};
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
  // A conditional read is charged once it is answered: a 304 is free (GitHub does not count
  // it). A read the budget would have refused then still went out; the host's rate headers,
  // which observe() reads, teach the budget the use it missed.
  const bool conditional = !header_of(request, "If-None-Match").empty();
  if (!conditional) take_budget(request);
  HttpResponse response = send_authorised(request);
  if (conditional && response.status == 304) ++core_.stats.not_modified;
  if (conditional && response.status != 304) charge_answered(request);
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
