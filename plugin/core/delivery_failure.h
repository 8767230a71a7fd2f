// How one delivery ended, and what the dispatcher does about it: record it, retry it after a
// backoff, pause the identity after a 429, or report a refusal.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "core/client_core.h"
#include "core/delivery_report.h"
#include "runtime/log.h"

namespace cib {

struct DeliveryResult {
  // unauthorized: the host refused the credential (401); the identity waits for a new one.
  // budget: the budget had no room; retry_after_ms says when it may, message what was full.
  enum class Kind { delivered, superseded, retry, paused, unauthorized, failed, budget };
  Kind kind = Kind::failed;
  int http_status = 0;
  std::string message;
  std::int64_t retry_after_ms = -1;

  static DeliveryResult delivered(int http_status) {
    return {Kind::delivered, http_status, "", -1};
  }
  static DeliveryResult superseded() { return {Kind::superseded, 0, "", -1}; }
  static DeliveryResult waiting(const Ticket& ticket) {
    return {Kind::budget, 0, ticket.blocked_by, ticket.wait_ms};
  }

  LogLevel level() const;
  std::string summary() const;
};

// Turns what a delivery threw (HostError, TransportError, anything else) into a result.
DeliveryResult classify_failure(std::exception_ptr error);

// Applies a slot delivery's result: records delivered content, settles the posts it answers,
// or schedules the retry. Called with the client's mutex held.
// `foreign`: the content sent was another process's (its posts here are SUPERSEDED).
void apply_result(ClientCore& core, Slot& slot, std::uint64_t seq, const Content& content,
                  const DeliveryResult& result, std::vector<DeliveryReport>& reports,
                  bool foreign = false);

// Schedules a retry after a backoff (or pauses the identity after a 429) and returns the time
// before which nothing is tried again. `attempts` counts the failures so far and grows by one.
TimePoint schedule_retry(ClientCore& core, int& attempts, const DeliveryResult& result);

}  // namespace cib
