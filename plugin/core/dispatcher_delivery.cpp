// One slot's delivery: skip a priority the budget just refused, claim the slot in the spool,
// settle content the host already holds without a request, else run the provider without the
// lock, and record how it ended.
#include <exception>
#include <string>
#include <vector>

#include "budget/budget_wait.h"
#include "core/delivery_errors.h"
#include "core/dispatcher.h"
#include "core/request_sender.h"

namespace cib {
namespace {

std::string describe(const SlotId& id) {
  std::string where = std::string(to_string(id.kind)) + " " + id.repo;
  where += id.kind == SlotKind::comment ? "#" + std::to_string(id.pr) : "@" + id.commit;
  return where + "/" + id.key;
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

}  // namespace

// Runs the provider for one slot's content, without the lock. Never throws.
DeliveryResult Dispatcher::send_content(Slot& slot, Priority priority, std::uint64_t seq,
                                        const Content& content, bool force, SpoolLease* lease) {
  RequestSender sender(core_, slot, priority, seq, lease);
  DeliveryResult result;
  try {
    const DeliveryOutcome outcome =
        core_.provider->deliver(slot.id, content, force, slot.remote(), sender);
    result = DeliveryResult::delivered(outcome.http_status);
  } catch (const SupersededError&) {
    result = DeliveryResult::superseded();
  } catch (const LeaseLostError&) {
    result = DeliveryResult::superseded();
  } catch (const BudgetWaitError& e) {
    result = DeliveryResult::waiting(e.ticket());
  } catch (...) {
    result = classify_failure(std::current_exception());
  }
  result.advised_pause_ms = sender.advised_pause_ms();
  return result;
}

// Sends one slot's pending content. Called with the lock held; releases it while sending.
void Dispatcher::deliver_slot(Slot& slot, std::unique_lock<std::mutex>& lock) {
  // The budget refused this priority a moment ago: wait without touching the spool, and keep
  // taking newer content meanwhile.
  const Priority priority = priority_of(slot);
  const TimePoint blocked = budget_blocked_[static_cast<int>(priority)];
  if (core_.clock->now() < blocked) {
    core_.table.postpone_for_budget(slot, blocked);
    return;
  }
  std::vector<DeliveryReport> reports;
  SpoolLease lease;
  bool foreign = false;
  if (claim_slot(core_, slot, lock, lease, foreign, reports) != ClaimVerdict::deliver) {
    publish(reports, lock);
    return;
  }
  const std::uint64_t seq = slot.seq;
  const OrderKey order = slot.order;
  lease.order = order;
  const bool force = slot.force;
  const Content content = slot.desired;
  DeliveryResult result;
  bool sent = false;
  if (!force && core_.table.is_unchanged(slot, content)) {
    ++core_.stats.deduplicated;
    result = DeliveryResult::delivered(0);
    lock.unlock();
  } else {
    if (slot.attempts > 0) ++core_.stats.retries;
    lock.unlock();
    result = send_content(slot, priority, seq, content, force, core_.spool ? &lease : nullptr);
    sent = true;
  }
  const bool delivered = result.kind == DeliveryResult::Kind::delivered;
  const bool settled = delivered || result.kind == DeliveryResult::Kind::failed;
  bool newest = true;
  try {
    newest = finish_slot(core_, slot.id, lease, settled, delivered && sent, order, content,
                         slot.has_remote() ? slot.remote() : RemoteState{});
  } catch (const SpoolError& e) {
    core_.log(LogLevel::error, describe(slot.id) + ": " + e.what());
  }
  lock.lock();
  settle_delivery(slot, seq, content, result, sent, foreign, priority, reports);
  // Another process posted newer content meanwhile: claim the slot again to send it.
  if (!newest && !slot.pending) core_.table.resume(slot.id, slot.desired, slot.order, false);
  publish(reports, lock);
}

// Records how a delivery ended, with the lock held: UNCHANGED when no request was needed.
void Dispatcher::settle_delivery(Slot& slot, std::uint64_t seq, const Content& content,
                                 const DeliveryResult& result, bool sent, bool foreign,
                                 Priority priority, std::vector<DeliveryReport>& reports) {
  if (!sent && result.kind == DeliveryResult::Kind::delivered) {
    core_.table.settle(slot, seq, Outcome::unchanged, 0, "", reports, foreign);
    return;
  }
  apply_result(slot, seq, content, result, reports, foreign);
  if (result.kind == DeliveryResult::Kind::budget) note_budget_wait(priority, result);
  core_.log(result.level(), describe(slot.id) + ": " + result.summary());
}

}  // namespace cib
