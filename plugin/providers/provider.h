// A provider turns a slot's desired content into the host's HTTP requests and reads the answers.
// It never opens a socket: it sends through the Sender the core gives it, one request at a time,
// and records what the host holds in the slot's RemoteState as it goes, so a delivery that
// failed half-way resumes where it stopped.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "config/settings.h"
#include "model/content.h"
#include "model/remote_state.h"
#include "transport/http_types.h"

namespace cib {

// Sends one request for the provider. Returns the answer, whatever its status, or throws
// TransportError (no answer). Throws SupersededError when newer content arrived for the slot
// and the delivery should restart from it.
class Sender {
 public:
  virtual ~Sender() = default;
  virtual HttpResponse send(const HttpRequest& request) = 0;
  // `text` (quoted from a host's answer) without the credential's secrets. A provider passes
  // every text it quotes through this before it shortens it, so no part of a secret survives.
  virtual std::string redact(const std::string& text) const { return text; }
  // A line for the client's log (info), for what a provider decided once for the client (a
  // fallback it takes). The core redacts it as every line.
  virtual void notice(const std::string& /*line*/) {}
};

// The host answered with a status the provider cannot get past.
class HostError : public std::runtime_error {
 public:
  // `transient`: the host says the refusal passes (GitLab's 409 "another update in progress"),
  // so the core retries after a backoff whatever the status's usual verdict.
  HostError(int http_status, const std::string& message, std::int64_t retry_after_ms = -1,
            bool transient = false)
      : std::runtime_error(message),
        http_status_(http_status),
        retry_after_ms_(retry_after_ms),
        transient_(transient) {}
  int http_status() const { return http_status_; }
  // Milliseconds the host asked us to wait (Retry-After), or -1.
  std::int64_t retry_after_ms() const { return retry_after_ms_; }
  bool transient() const { return transient_; }

 private:
  int http_status_;
  std::int64_t retry_after_ms_;
  bool transient_;
};

struct DeliveryOutcome {
  int http_status = 0;  // of the last request sent
  int requests = 0;     // sent by this delivery
};

class Provider {
 public:
  virtual ~Provider() = default;

  // Makes the host hold `desired` for `slot`. `force` re-sends even parts RemoteState says are
  // there. Returns when the host holds it; throws HostError for an answer it cannot get past
  // (the core decides whether to retry from the status) and lets TransportError through.
  virtual DeliveryOutcome deliver(const SlotId& slot, const Content& desired, bool force,
                                  RemoteState& remote, Sender& sender) = 0;

  // The most annotations one report may hold on this host (Bitbucket Cloud: 1000).
  virtual std::size_t max_annotations_per_report() const = 0;
};

std::unique_ptr<Provider> make_provider(const Settings& settings);

}  // namespace cib
