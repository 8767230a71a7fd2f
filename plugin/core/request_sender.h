// The Sender a provider sends through during one delivery: adds the credential, counts requests,
// and stops a multi-request delivery whose slot received newer content meanwhile.
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

class RequestSender final : public Sender {
 public:
  // `slot` is null for naive posts (which are never superseded).
  RequestSender(ClientCore& core, SlotKind kind, const Slot* slot, std::uint64_t seq)
      : core_(core), kind_(kind), slot_(slot), seq_(seq) {}

  HttpResponse send(const HttpRequest& request) override;
  int sent() const { return sent_; }

 private:
  ClientCore& core_;
  SlotKind kind_;
  const Slot* slot_;
  std::uint64_t seq_;
  int sent_ = 0;
};

}  // namespace cib
