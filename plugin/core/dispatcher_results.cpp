// What the dispatcher does with a delivery's outcome: record delivered content, settle the
// posts it answers, retry after a backoff, pause the identity after a 429 or a 401, hold
// priorities the budget refused, or report a refusal.
#include <algorithm>

#include "budget/budget_decision.h"
#include "core/dispatcher.h"

namespace cib {

TimePoint Dispatcher::schedule_retry(int& attempts, const DeliveryResult& result) {
  const TimePoint now = core_.clock->now();
  if (result.kind == DeliveryResult::Kind::paused) {
    // The budget's reading of the answer (Retry-After, a secondary limit, the window's oldest
    // request ageing out) comes first; with nothing to go by, back off.
    Duration wait = backoff_delay(backoff_, rate_limit_attempts_, random_);
    if (result.retry_after_ms >= 0) wait = Duration(result.retry_after_ms);
    if (result.advised_pause_ms >= 0) wait = Duration(result.advised_pause_ms);
    ++rate_limit_attempts_;
    paused_until_ = std::max(paused_until_, now + wait);
    ++attempts;
    return paused_until_;
  }
  // A 503 may say when to come back; never sooner than the backoff, never sooner than asked.
  Duration wait = backoff_delay(backoff_, attempts, random_);
  if (result.retry_after_ms >= 0) wait = std::max(wait, Duration(result.retry_after_ms));
  ++attempts;
  return now + wait;
}

void Dispatcher::apply_result(Slot& slot, std::uint64_t seq, const Content& content,
                              const DeliveryResult& result, std::vector<DeliveryReport>& reports,
                              bool foreign) {
  switch (result.kind) {
    case DeliveryResult::Kind::delivered:
      rate_limit_attempts_ = 0;
      core_.table.record_delivered(slot, content);
      core_.table.settle(slot, seq, Outcome::delivered, result.http_status, "", reports, foreign);
      return;
    case DeliveryResult::Kind::superseded:
      return;  // the slot holds newer content and stays pending with its own debounce
    case DeliveryResult::Kind::retry:
    case DeliveryResult::Kind::paused:
      core_.table.postpone(slot, schedule_retry(slot.attempts, result));
      return;
    case DeliveryResult::Kind::budget:
      // Not a failure: no attempt is counted, and newer posts keep replacing the content.
      core_.table.postpone_for_budget(slot, core_.clock->now() + Duration(result.retry_after_ms));
      return;
    case DeliveryResult::Kind::unauthorized:
      // Nothing is dropped: every slot of the identity waits until the credential works again.
      auth_paused_until_ = core_.clock->now() + Duration(core_.settings.auth_recheck_ms);
      auth_reload_ = true;
      core_.table.postpone(slot, auth_paused_until_);
      return;
    case DeliveryResult::Kind::failed:
      ++core_.stats.failed;
      core_.table.settle(slot, seq, Outcome::failed, result.http_status, result.message, reports,
                         foreign);
      return;
  }
}

void Dispatcher::note_budget_wait(Priority priority, const DeliveryResult& result) {
  ++core_.stats.budget_waits;
  if (!holds_lower_priorities(result.blocker)) return;
  const TimePoint until = core_.clock->now() + Duration(result.retry_after_ms);
  for (int p = static_cast<int>(priority); p < kPriorityCount; ++p) {
    budget_blocked_[p] = std::max(budget_blocked_[p], until);
  }
}

}  // namespace cib
