// Thrown by the core's sender when the budget refuses a request: the delivery stops where it is
// (what the host holds is recorded) and the slot waits, still coalescing, until there is room.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "budget/budget_types.h"

namespace cib {

class BudgetWaitError : public std::runtime_error {
 public:
  BudgetWaitError(Priority priority, const Ticket& ticket)
      : std::runtime_error("waiting " + std::to_string(ticket.wait_ms) + " ms for budget (" +
                           ticket.blocked_by + ")"),
        priority_(priority),
        ticket_(ticket) {}
  Priority priority() const { return priority_; }
  const Ticket& ticket() const { return ticket_; }

 private:
  Priority priority_;
  Ticket ticket_;
};

}  // namespace cib
