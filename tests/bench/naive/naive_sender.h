// Sends one request at once, with the credential, over the library's HttpClient, and counts it.
// No budget, no lease, no coalescing: what a plugin without cibatch does. The credential is the
// library's (core/credential.h): with a GitHub App it mints the installation token itself, and
// that exchange is not counted, as the library does not count it either.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/settings.h"
#include "core/credential.h"
#include "model/content.h"
#include "providers/provider.h"
#include "transport/http_client.h"

namespace cib::bench {

struct NaiveCounts {
  std::int64_t requests = 0;  // every request sent, those of resent calls included
  std::int64_t status = 0;    // of requests, those of status, comment and report calls
  std::int64_t comment = 0;
  std::int64_t report = 0;
  std::int64_t rate_limited = 0;  // 429 answers
};

class NaiveSender final : public Sender {
 public:
  // Talks to settings.api_url with the settings' TLS, proxy, timeouts and credential.
  explicit NaiveSender(const Settings& settings);

  // The kind of the call whose requests follow, for NaiveCounts.
  void begin_call(SlotKind kind) { kind_ = kind; }

  // Any HTTP answer (a non-2xx body redacted); TransportError when there is none. The request
  // gets `Accept: application/json` unless it names its own media type (GitHub's).
  HttpResponse send(const HttpRequest& request) override;
  std::string redact(const std::string& text) const override;

  const NaiveCounts& counts() const { return counts_; }

 private:
  HttpClient http_;
  Credential credential_;
  SlotKind kind_ = SlotKind::status;
  NaiveCounts counts_;
};

}  // namespace cib::bench
