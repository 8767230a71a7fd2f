#include "core/delivery_failure.h"

#include <algorithm>
#include <stdexcept>

#include "budget/budget_error.h"
#include "redis/redis_error.h"
#include "transport/http_types.h"
#include "transport/retry_policy.h"

namespace cib {

LogLevel DeliveryResult::level() const {
  switch (kind) {
    case Kind::delivered:
    case Kind::superseded:
    case Kind::budget:
      return LogLevel::debug;
    case Kind::retry:
    case Kind::paused:
      return LogLevel::warning;
    case Kind::unauthorized:
    case Kind::failed:
      break;
  }
  return LogLevel::error;
}

std::string DeliveryResult::summary() const {
  switch (kind) {
    case Kind::delivered:
      return "delivered (" + std::to_string(http_status) + ")";
    case Kind::superseded:
      return "newer content arrived during delivery; sending it instead";
    case Kind::retry:
      return "will retry: " + message;
    case Kind::paused:
      return "rate limited, pausing: " + message;
    case Kind::budget:
      return "waiting " + std::to_string(retry_after_ms) + " ms for budget (" + message + ")";
    case Kind::unauthorized:
      return "the host refused the credential (401); slots kept, the credential is read again "
             "every transport.auth_recheck_ms: " +
             message;
    case Kind::failed:
      break;
  }
  return "failed: " + message;
}

DeliveryResult classify_failure(std::exception_ptr error) {
  DeliveryResult result;
  try {
    std::rethrow_exception(error);
  } catch (const HostError& e) {
    result.http_status = e.http_status();
    result.message = e.what();
    result.retry_after_ms = e.retry_after_ms();
    switch (classify(e.http_status())) {
      case Verdict::retry:
        result.kind = DeliveryResult::Kind::retry;
        break;
      case Verdict::rate_limited:
        result.kind = DeliveryResult::Kind::paused;
        break;
      case Verdict::unauthorized:
        result.kind = DeliveryResult::Kind::unauthorized;
        break;
      default:
        result.kind = DeliveryResult::Kind::failed;
        break;
    }
  } catch (const BudgetError& e) {
    // A budget file that cannot be used: nothing is sent blind; try again later.
    result.message = std::string("budget: ") + e.what();
    result.kind = DeliveryResult::Kind::retry;
  } catch (const RedisError& e) {
    result.message = std::string("budget: ") + e.what();
    result.kind = DeliveryResult::Kind::retry;
  } catch (const TransportError& e) {
    result.message = e.what();
    result.kind = e.kind() == TransportError::Kind::tls ? DeliveryResult::Kind::failed
                                                        : DeliveryResult::Kind::retry;
  } catch (const std::invalid_argument& e) {
    // The provider refused the slot as given (a repo or commit the host cannot take): trying
    // again cannot help.
    result.message = std::string("cannot be sent: ") + e.what();
  } catch (const std::exception& e) {
    result.message = std::string("internal error: ") + e.what();
  } catch (...) {
    result.message = "internal error: unknown exception";
  }
  return result;
}

TimePoint schedule_retry(ClientCore& core, int& attempts, const DeliveryResult& result) {
  const TimePoint now = core.clock->now();
  if (result.kind == DeliveryResult::Kind::paused) {
    // The budget's reading of the answer (Retry-After, a secondary limit, the window's oldest
    // request ageing out) comes first; with nothing to go by, back off.
    const std::int64_t advised = core.advised_pause_ms.exchange(-1);
    Duration wait = backoff_delay(core.backoff, core.rate_limit_attempts, core.random);
    if (result.retry_after_ms >= 0) wait = Duration(result.retry_after_ms);
    if (advised >= 0) wait = Duration(advised);
    ++core.rate_limit_attempts;
    core.paused_until = std::max(core.paused_until, now + wait);
    ++attempts;
    return core.paused_until;
  }
  // A 503 may say when to come back; never sooner than the backoff, never sooner than asked.
  Duration wait = backoff_delay(core.backoff, attempts, core.random);
  if (result.retry_after_ms >= 0) wait = std::max(wait, Duration(result.retry_after_ms));
  ++attempts;
  return now + wait;
}

void apply_result(ClientCore& core, Slot& slot, std::uint64_t seq, const Content& content,
                  const DeliveryResult& result, std::vector<DeliveryReport>& reports,
                  bool foreign) {
  switch (result.kind) {
    case DeliveryResult::Kind::delivered:
      core.rate_limit_attempts = 0;
      core.table.record_delivered(slot, content);
      core.table.settle(slot, seq, Outcome::delivered, result.http_status, "", reports, foreign);
      return;
    case DeliveryResult::Kind::superseded:
      return;  // the slot holds newer content and stays pending with its own debounce
    case DeliveryResult::Kind::retry:
    case DeliveryResult::Kind::paused:
      core.table.postpone(slot, schedule_retry(core, slot.attempts, result));
      return;
    case DeliveryResult::Kind::budget:
      // Not a failure: no attempt is counted, and newer posts keep replacing the content.
      core.table.postpone(slot, core.clock->now() + Duration(result.retry_after_ms));
      return;
    case DeliveryResult::Kind::unauthorized:
      // Nothing is dropped: every slot of the identity waits until the credential works again.
      core.auth_paused_until = core.clock->now() + Duration(core.settings.auth_recheck_ms);
      core.auth_reload = true;
      core.table.postpone(slot, core.auth_paused_until);
      return;
    case DeliveryResult::Kind::failed:
      ++core.stats.failed;
      core.table.settle(slot, seq, Outcome::failed, result.http_status, result.message, reports,
                        foreign);
      return;
  }
}

}  // namespace cib
