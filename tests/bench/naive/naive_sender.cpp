#include "naive_sender.h"

#include "core/client_core.h"
#include "core/credential.h"
#include "core/secret_redaction.h"

namespace cib::bench {
namespace {

std::int64_t& requests_of(NaiveCounts& counts, SlotKind kind) {
  switch (kind) {
    case SlotKind::status:
      return counts.status;
    case SlotKind::comment:
      return counts.comment;
    case SlotKind::report:
      break;
  }
  return counts.report;
}

}  // namespace

NaiveSender::NaiveSender(const Settings& settings)
    : http_(transport_settings(settings)),
      authorization_(authorization_header(settings)),
      secrets_(header_secrets(authorization_)) {}

HttpResponse NaiveSender::send(const HttpRequest& request) {
  HttpRequest authorised = request;
  authorised.headers.emplace_back("Authorization", authorization_);
  authorised.headers.emplace_back("Accept", "application/json");
  ++counts_.requests;
  ++requests_of(counts_, kind_);
  HttpResponse response = http_.send(authorised);
  if (response.status == 429) ++counts_.rate_limited;
  // An error answer may quote the request back: nothing printed from it may hold the secret.
  if (response.status < 200 || response.status >= 300) response.body = redact(response.body);
  return response;
}

std::string NaiveSender::redact(const std::string& text) const {
  return cib::redact(text, secrets_);
}

}  // namespace cib::bench
