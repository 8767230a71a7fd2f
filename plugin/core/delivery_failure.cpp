#include "core/delivery_failure.h"

#include <new>
#include <stdexcept>

#include "budget/budget_error.h"
#include "redis/redis_error.h"
#include "spool/spool_error.h"
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

namespace {

// Out of memory is passing, not the update's fault: retried like a dropped connection. The
// message fits std::string's inline buffer, so setting it allocates nothing.
DeliveryResult out_of_memory() noexcept {
  DeliveryResult result;
  result.kind = DeliveryResult::Kind::retry;
  result.message = "out of memory";
  return result;
}

DeliveryResult read_failure(const std::exception_ptr& error) {
  DeliveryResult result;
  try {
    std::rethrow_exception(error);
  } catch (const HostError& e) {
    result.http_status = e.http_status();
    result.message = e.what();
    result.retry_after_ms = e.retry_after_ms();
    switch (e.transient() ? Verdict::retry : classify(e.http_status())) {
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
  } catch (const SpoolError& e) {
    // The spool could not keep the lease or what the host holds (a failing or full disk): the
    // content was accepted, so it is tried again later, never reported FAILED.
    result.message = e.what();
    result.kind = DeliveryResult::Kind::retry;
  } catch (const TransportError& e) {
    // A refused certificate or a failed handshake is this side's (a CA, a name, a middlebox),
    // not the host refusing the update: it is logged with its fix and retried like a dropped
    // connection, and the update waits in the spool until the configuration is mended.
    result.message = e.what();
    result.kind = DeliveryResult::Kind::retry;
  } catch (const std::bad_alloc&) {
    return out_of_memory();
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

}  // namespace

DeliveryResult classify_failure(std::exception_ptr error) {
  try {
    return read_failure(error);
  } catch (...) {
    return out_of_memory();  // wording the failure ran out of memory
  }
}

}  // namespace cib
