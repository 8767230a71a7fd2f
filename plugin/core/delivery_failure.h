// How one delivery ended: delivered, or what it threw (a host's answer, a dropped connection, a
// full budget) read as a verdict the dispatcher acts on (Dispatcher::apply_result).
#pragma once

#include <cstdint>
#include <exception>
#include <string>

#include "budget/budget_types.h"
#include "providers/provider.h"
#include "runtime/log.h"
#include "transport/http_types.h"

namespace cib {

struct DeliveryResult {
  // unauthorized: the host refused the credential (401); the identity waits for a new one.
  // budget: the budget had no room; retry_after_ms says when it may, message what was full.
  enum class Kind { delivered, superseded, retry, paused, unauthorized, failed, budget };
  Kind kind = Kind::failed;
  int http_status = 0;
  std::string message;
  std::int64_t retry_after_ms = -1;
  Blocker blocker = Blocker::none;  // budget: the kind of limit that was full
  // How long a 429 pauses the identity, as the budget read the answer; -1: back off.
  std::int64_t advised_pause_ms = -1;

  static DeliveryResult delivered(int http_status) {
    return {Kind::delivered, http_status, "", -1};
  }
  static DeliveryResult superseded() { return {Kind::superseded, 0, "", -1}; }
  static DeliveryResult waiting(const Ticket& ticket) {
    return {Kind::budget, 0, ticket.blocked_by, ticket.wait_ms, ticket.blocker};
  }

  LogLevel level() const;
  std::string summary() const;
};

// Turns what a delivery threw (HostError, TransportError, anything else) into a result. Out of
// memory (also while reading the failure) is a retry, never a failed update. Never throws.
DeliveryResult classify_failure(std::exception_ptr error);

}  // namespace cib
