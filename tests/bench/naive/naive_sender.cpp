#include "naive_sender.h"

#include <algorithm>

#include "core/client_core.h"
#include "core/secret_redaction.h"
#include "runtime/secret_text.h"

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

bool has_header(const HttpRequest& request, const std::string& name) {
  return std::any_of(request.headers.begin(), request.headers.end(),
                     [&](const auto& header) { return header.first == name; });
}

}  // namespace

NaiveSender::NaiveSender(const Settings& settings)
    : http_(transport_settings(settings)), credential_(settings) {}

HttpResponse NaiveSender::send(const HttpRequest& request) {
  HttpRequest authorised = request;
  // A GitHub App's token is minted here when due, before the request is counted.
  const std::size_t authorization = authorised.headers.size();
  authorised.headers.emplace_back("Authorization", credential_.header());
  if (!has_header(request, "Accept")) authorised.headers.emplace_back("Accept", "application/json");
  ++counts_.requests;
  ++requests_of(counts_, kind_);
  HttpResponse response;
  try {
    response = http_.send(authorised);
  } catch (...) {
    wipe(authorised.headers[authorization].second);
    throw;
  }
  wipe(authorised.headers[authorization].second);
  if (response.status == 429) ++counts_.rate_limited;
  // An error answer may quote the request back: nothing printed from it may hold the secret.
  if (response.status < 200 || response.status >= 300) response.body = redact(response.body);
  return response;
}

std::string NaiveSender::redact(const std::string& text) const {
  WipedStrings secrets;
  credential_.add_secrets(secrets.items);
  return cib::redact(text, secrets.items);
}

}  // namespace cib::bench
