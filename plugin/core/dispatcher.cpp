// The dispatcher: one thread per client that sends due slots one at a time, newest content
// only, and decides from each failure whether to retry, pause or report it.
#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include "budget/budget_decision.h"
#include "budget/budget_wait.h"
#include "core/client_core.h"
#include "core/delivery_failure.h"
#include "core/request_sender.h"
#include "core/spool_link.h"

namespace cib {
namespace {

// How often delivered records past their trust period are forgotten.
constexpr Duration kExpiryInterval{60000};

std::string describe(const SlotId& id) {
  std::string where = std::string(to_string(id.kind)) + " " + id.repo;
  where += id.kind == SlotKind::comment ? "#" + std::to_string(id.pr) : "@" + id.commit;
  return where + "/" + id.key;
}

// Waits for a post, a flush or `until`. The lock may have been released since `stopping` was
// last read (a spool call), and its notification then went by: read it again first.
void sleep_until(ClientCore& core, std::unique_lock<std::mutex>& lock, TimePoint until) {
  if (core.stopping) return;
  core.wake.wait_until(lock, until);
}

// A refusal that would refuse every lower priority too holds them all without asking the store
// again; any other holds only the slot that met it.
void note_budget_wait(ClientCore& core, Priority priority, const DeliveryResult& result) {
  ++core.stats.budget_waits;
  if (!holds_lower_priorities(result.message)) return;
  const TimePoint until = core.clock->now() + Duration(result.retry_after_ms);
  for (int p = static_cast<int>(priority); p < kPriorityCount; ++p) {
    core.budget_blocked[p] = std::max(core.budget_blocked[p], until);
  }
}

// Tells the budget this client is alive, so fallback shares count it. Outside the lock.
void heartbeat(ClientCore& core, std::unique_lock<std::mutex>& lock, TimePoint now) {
  core.next_heartbeat = now + Duration(core.settings.budget_heartbeat_s * 1000 / 3);
  lock.unlock();
  try {
    core.budget->heartbeat(core.client_id);
  } catch (const std::exception& e) {
    core.log(LogLevel::warning, std::string("budget heartbeat: ") + e.what());
  }
  lock.lock();
}

// Hands settled posts' reports to the caller's queue and wakes flush(), outside the lock.
void publish(ClientCore& core, std::vector<DeliveryReport>& reports,
             std::unique_lock<std::mutex>& lock) {
  lock.unlock();
  core.reports.push_reports(reports);
  core.settled.notify_all();
  lock.lock();
}

// What a slot's pending content is for, as the budget ranks it when it runs short.
Priority priority_of(const Slot& slot) {
  if (slot.gating) return Priority::gating;
  switch (slot.id.kind) {
    case SlotKind::comment:
      return Priority::comment;
    case SlotKind::report:
      return Priority::bulk;
    case SlotKind::status:
      break;
  }
  return Priority::progress;
}

// Runs the provider for one slot's content, without the lock. Never throws.
DeliveryResult send_content(ClientCore& core, Slot& slot, Priority priority, std::uint64_t seq,
                            const Content& content, bool force, SpoolLease* lease) {
  RequestSender sender(core, slot.id.kind, priority, &slot, seq, lease);
  try {
    const DeliveryOutcome outcome =
        core.provider->deliver(slot.id, content, force, slot.remote(), sender);
    return DeliveryResult::delivered(outcome.http_status);
  } catch (const SupersededError&) {
    return DeliveryResult::superseded();
  } catch (const LeaseLostError&) {
    return DeliveryResult::superseded();
  } catch (const BudgetWaitError& e) {
    return DeliveryResult::waiting(e.ticket());
  } catch (...) {
    return classify_failure(std::current_exception());
  }
}

// Sends one slot's pending content. Called with the lock held; releases it while sending.
void deliver_slot(ClientCore& core, Slot& slot, std::unique_lock<std::mutex>& lock) {
  // The budget refused this priority a moment ago: wait without touching the spool, and keep
  // taking newer content meanwhile.
  const Priority priority = priority_of(slot);
  const TimePoint blocked = core.budget_blocked[static_cast<int>(priority)];
  if (core.clock->now() < blocked) {
    core.table.postpone(slot, blocked);
    return;
  }
  std::vector<DeliveryReport> reports;
  SpoolLease lease;
  bool foreign = false;
  const ClaimVerdict verdict = claim_slot(core, slot, lock, lease, foreign, reports);
  if (verdict != ClaimVerdict::deliver) {
    publish(core, reports, lock);
    return;
  }
  const std::uint64_t seq = slot.seq;
  const OrderKey order = slot.order;
  lease.order = order;
  const bool force = slot.force;
  const Content content = slot.desired;
  DeliveryResult result;
  bool sent = false;
  if (!force && core.table.is_unchanged(slot, content)) {
    ++core.stats.deduplicated;
    result = DeliveryResult::delivered(0);
    lock.unlock();
  } else {
    if (slot.attempts > 0) ++core.stats.retries;
    lock.unlock();
    result = send_content(core, slot, priority, seq, content, force, core.spool ? &lease : nullptr);
    sent = true;
  }
  const bool delivered = result.kind == DeliveryResult::Kind::delivered;
  const bool settled = delivered || result.kind == DeliveryResult::Kind::failed;
  bool newest = true;
  try {
    newest = finish_slot(core, slot.id, lease, settled, delivered && sent, order, content,
                         slot.has_remote() ? slot.remote() : RemoteState{});
  } catch (const SpoolError& e) {
    core.log(LogLevel::error, describe(slot.id) + ": " + e.what());
  }
  lock.lock();
  if (!sent && delivered) {
    core.table.settle(slot, seq, Outcome::unchanged, 0, "", reports, foreign);
  } else {
    apply_result(core, slot, seq, content, result, reports, foreign);
    if (result.kind == DeliveryResult::Kind::budget) note_budget_wait(core, priority, result);
    core.log(result.level(), describe(slot.id) + ": " + result.summary());
  }
  // Another process posted newer content meanwhile: claim the slot again to send it.
  if (!newest && !slot.pending) core.table.resume(slot.id, slot.desired, slot.order, false);
  publish(core, reports, lock);
}

// One turn of the loop: delivers what is due, or waits until something may be.
void dispatch_once(ClientCore& core, std::unique_lock<std::mutex>& lock) {
  const TimePoint now = core.clock->now();
  if (now < core.paused_until) {
    sleep_until(core, lock, core.paused_until);
    return;
  }
  if (now < core.auth_paused_until) {
    sleep_until(core, lock, core.auth_paused_until);
    return;
  }
  if (core.auth_reload) {
    core.auth_reload = false;
    lock.unlock();
    const bool changed = core.credential.reload();
    core.log(LogLevel::info, changed ? "read a new credential after a 401; trying it"
                                     : "trying the credential again after a 401");
    lock.lock();
  }
  rescan_spool(core, lock);
  if (now >= core.next_heartbeat) heartbeat(core, lock, now);
  if (Slot* slot = core.table.next_due(now)) {
    deliver_slot(core, *slot, lock);
    return;
  }
  if (now >= core.next_expiry) {
    core.table.expire_delivered();
    core.next_expiry = now + kExpiryInterval;
    if (core.spool) {
      lock.unlock();
      core.spool->remove_expired();
      lock.lock();
    }
  }
  TimePoint until = core.next_expiry;
  if (const auto wake = core.table.next_wake()) until = std::min(until, *wake);
  if (core.spool) until = std::min(until, core.next_rescan);
  until = std::min(until, core.next_heartbeat);
  sleep_until(core, lock, until);
}

}  // namespace

void run_dispatcher(const std::shared_ptr<ClientCore>& shared) {
  ClientCore& core = *shared;
  std::unique_lock<std::mutex> lock(core.mutex);
  core.dispatcher_thread = std::this_thread::get_id();
  while (!core.stopping) {
    try {
      dispatch_once(core, lock);
    } catch (...) {
      // Out of memory or a bug: nothing posted is dropped (the slot stays pending), and the
      // thread must not die and take the host process with it.
      if (!lock.owns_lock()) lock.lock();
      if (!core.stopping) core.wake.wait_for(lock, Duration(100));
      lock.unlock();
      core.log(LogLevel::error,
               "dispatcher: " + classify_failure(std::current_exception()).message);
      lock.lock();
    }
  }
  core.dispatcher_done = true;
  lock.unlock();
  core.settled.notify_all();
}

}  // namespace cib
