// The Sender a provider sends through during one delivery: takes budget, adds the credential,
// counts requests, teaches the budget from every answer, keeps the credential's secrets out of
// what the host's answers say, and stops a multi-request delivery whose slot received newer
// content meanwhile.
#pragma once

#include <cstdint>
#include <string>

#include "core/client_core.h"
#include "core/delivery_errors.h"
#include "providers/provider.h"

namespace cib {

struct SpoolLease;

class RequestSender final : public Sender {
 public:
  // With `lease`, the slot's lease is renewed and its RemoteState made durable before every
  // request. Every request first takes budget at `priority`; a refusal throws BudgetWaitError.
  RequestSender(ClientCore& core, Slot& slot, Priority priority, std::uint64_t seq,
                SpoolLease* lease)
      : core_(core), slot_(slot), priority_(priority), seq_(seq), lease_(lease) {}

  // The body of an answer that is not 2xx comes back with the credential's secrets redacted.
  HttpResponse send(const HttpRequest& request) override;
  std::string redact(const std::string& text) const override;
  void notice(const std::string& line) override;

  // How long the last 429 answered pauses the identity, as the budget read it; -1: no advice
  // (the dispatcher backs off).
  std::int64_t advised_pause_ms() const { return advised_pause_ms_; }

 private:
  void learn(const HttpResponse& response);
  void count(const HttpRequest& request);
  // Takes budget for `request`; throws BudgetWaitError when refused.
  void take_budget(const HttpRequest& request);
  // Counts a conditional read the host answered with more than a 304; never throws.
  void charge_answered(const HttpRequest& request);
  // Adds the credential and Accept, sends, wipes the plain header, redacts an error body.
  HttpResponse send_authorised(const HttpRequest& request);

  ClientCore& core_;
  Slot& slot_;
  Priority priority_;
  std::uint64_t seq_;
  SpoolLease* lease_;
  int sent_ = 0;
  std::int64_t advised_pause_ms_ = -1;
};

}  // namespace cib
