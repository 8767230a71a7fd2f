// The Sender a provider sends through during one delivery: takes budget, adds the credential,
// counts requests, teaches the budget from every answer, keeps the credential's secrets out of
// what the host's answers say, and stops a multi-request delivery whose slot received newer
// content meanwhile.
#pragma once

#include <cstdint>
#include <stdexcept>

#include "core/client_core.h"
#include "providers/provider.h"

namespace cib {

// Newer content arrived for the slot during a delivery: restart from the newest.
class SupersededError : public std::runtime_error {
 public:
  SupersededError() : std::runtime_error("superseded by a newer update") {}
};

// Another process took the slot's lease over (this one was too slow): stop, it delivers.
class LeaseLostError : public std::runtime_error {
 public:
  LeaseLostError() : std::runtime_error("another process took this slot over") {}
};

struct SpoolLease;

class RequestSender final : public Sender {
 public:
  // With `lease`, the slot's lease is renewed and its RemoteState made durable before every
  // request.
  // Every request first takes budget at `priority`; a refusal throws BudgetWaitError.
  RequestSender(ClientCore& core, SlotKind kind, Priority priority, Slot* slot, std::uint64_t seq,
                SpoolLease* lease = nullptr)
      : core_(core), kind_(kind), priority_(priority), slot_(slot), seq_(seq), lease_(lease) {}

  // The body of an answer that is not 2xx comes back with the credential's secrets redacted.
  HttpResponse send(const HttpRequest& request) override;
  std::string redact(const std::string& text) const override;
  int sent() const { return sent_; }

 private:
  void learn(const HttpResponse& response);

  ClientCore& core_;
  SlotKind kind_;
  Priority priority_;
  Slot* slot_;
  std::uint64_t seq_;
  SpoolLease* lease_;
  int sent_ = 0;
};

}  // namespace cib
