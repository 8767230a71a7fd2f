// The dispatcher's loop: wait out pauses, keep the spool, budget and delivered records up to
// date, deliver the next due slot, else sleep until something may be due.
#include "core/dispatcher.h"

#include <algorithm>
#include <exception>
#include <string>
#include <utility>

#include "runtime/secret_text.h"

namespace cib {
namespace {

// How often delivered records past their trust period are forgotten.
constexpr Duration kExpiryInterval{60000};
// After a turn that threw, the next waits 100 ms, twice as long after each failure in a row,
// at most 3.2 s: a disk that stays full must not spin the thread or flood the log.
constexpr int kFailureWaitMs = 100;
constexpr int kFailureWaitDoublings = 5;

// Why a turn failed; "" when even that could not be built (out of memory).
std::string turn_failure(const std::exception_ptr& error) noexcept {
  try {
    return classify_failure(error).message;
  } catch (...) {
    return {};
  }
}

// Logs why a turn failed. Out of memory, building the line may fail too: the loop goes on.
void log_turn_failure(ClientCore& core, const std::string& message) noexcept {
  try {
    core.log(LogLevel::error, "dispatcher: " + message);
  } catch (...) {
  }
}

}  // namespace

Dispatcher::Dispatcher(std::shared_ptr<ClientCore> core, UnitRandom random)
    : owner_(std::move(core)),
      core_(*owner_),
      random_(std::move(random)),
      backoff_{Duration(core_.settings.retry_base_ms), Duration(core_.settings.retry_max_ms)},
      rescan_(resume_from_spool(core_)) {}

void Dispatcher::run() {
  std::unique_lock<std::mutex> lock(core_.mutex);
  while (!core_.stopping) {
    try {
      turn(lock);
      turn_failures_ = 0;
      last_failure_.clear();
    } catch (...) {
      // Out of memory, a spool that cannot be written, or a bug: nothing posted is dropped (the
      // slot stays pending), and the thread must not die and take the host process with it.
      // The same failure in a row is logged once.
      std::string message = turn_failure(std::current_exception());
      if (!lock.owns_lock()) lock.lock();
      const Duration wait(kFailureWaitMs << std::min(turn_failures_++, kFailureWaitDoublings));
      if (!core_.stopping) core_.wake.wait_for(lock, wait, [this] { return core_.stopping; });
      lock.unlock();
      if (message != last_failure_) log_turn_failure(core_, message);
      last_failure_ = std::move(message);
      lock.lock();
    }
  }
  scrub_stack_and_registers();  // a thread's stack outlives it, kept for the next thread
  core_.dispatcher_done = true;
  lock.unlock();
  core_.settled.notify_all();
}

// One turn of the loop: delivers what is due, or waits until something may be.
void Dispatcher::turn(std::unique_lock<std::mutex>& lock) {
  const TimePoint now = core_.clock->now();
  if (wait_out_pauses(lock, now)) return;
  housekeeping(lock, now);
  if (Slot* slot = core_.table.next_due(now)) {
    deliver_slot(*slot, lock);
    return;
  }
  expire_delivered(lock, now);
  TimePoint until = next_expiry_;
  if (const auto wake = core_.table.next_wake()) until = std::min(until, *wake);
  if (core_.spool) until = std::min(until, rescan_.next);
  until = std::min(until, next_heartbeat_);
  sleep_until(lock, until);
}

// Sleeps through a 429 or 401 pause (true); after a 401 pause, reads the credential again.
bool Dispatcher::wait_out_pauses(std::unique_lock<std::mutex>& lock, TimePoint now) {
  if (now < paused_until_) {
    sleep_until(lock, paused_until_);
    return true;
  }
  if (now < auth_paused_until_) {
    sleep_until(lock, auth_paused_until_);
    return true;
  }
  if (auth_reload_) {
    auth_reload_ = false;
    lock.unlock();
    const bool changed = core_.credential.reload();
    core_.log(LogLevel::info, changed ? "read a new credential after a 401; trying it"
                                      : "trying the credential again after a 401");
    lock.lock();
  }
  return false;
}

// Before each delivery: slots other processes left in the spool, and the budget's heartbeat.
void Dispatcher::housekeeping(std::unique_lock<std::mutex>& lock, TimePoint now) {
  rescan_spool(core_, lock, rescan_);
  if (now >= next_heartbeat_) heartbeat(lock, now);
}

// Tells the budget this client is alive, so fallback shares count it. Outside the lock.
void Dispatcher::heartbeat(std::unique_lock<std::mutex>& lock, TimePoint now) {
  next_heartbeat_ = now + Duration(core_.settings.budget_heartbeat_s * 1000 / 3);
  lock.unlock();
  try {
    core_.budget->heartbeat(core_.client_id);
  } catch (const std::exception& e) {
    core_.log(LogLevel::warning, std::string("budget heartbeat: ") + e.what());
  }
  lock.lock();
}

// When nothing is due: every kExpiryInterval, forgets delivered records past their trust.
void Dispatcher::expire_delivered(std::unique_lock<std::mutex>& lock, TimePoint now) {
  if (now < next_expiry_) return;
  core_.table.expire_delivered();
  next_expiry_ = now + kExpiryInterval;
  if (core_.spool) {
    lock.unlock();
    core_.spool->remove_expired();
    lock.lock();
  }
}

// Waits for a post, a flush or `until`. The lock may have been released since `stopping` was
// last read (a spool call), and its notification then went by: read it again first.
void Dispatcher::sleep_until(std::unique_lock<std::mutex>& lock, TimePoint until) {
  if (core_.stopping) return;
  // The credential went through this thread's stack: nothing of it stays there while idle.
  scrub_stack_and_registers();
  core_.wake.wait_until(lock, until);
}

// Hands settled posts' reports to the caller's queue and wakes flush(), outside the lock.
void Dispatcher::publish(std::vector<DeliveryReport>& reports, std::unique_lock<std::mutex>& lock) {
  lock.unlock();
  core_.reports.push_reports(reports);
  core_.settled.notify_all();
  lock.lock();
}

}  // namespace cib
