#include "core/spool_link.h"

#include <algorithm>
#include <utility>

#include "core/delivery_errors.h"
#include "spool/codec.h"

namespace cib {
namespace {

// How often the spool is read for slots that other processes left pending.
constexpr Duration kRescanInterval{2000};
// A busy slot is tried again at least this often: its owner may finish early.
constexpr Duration kBusyRetry{250};

}  // namespace

SpoolRescan resume_from_spool(ClientCore& core) {
  SpoolRescan rescan;
  if (!core.spool) return rescan;
  rescan.read_wall_ns = core.clock->wall_ns();
  for (SpooledSlot& slot : core.spool->pending(0)) {
    core.table.resume(slot.id, std::move(slot.desired), slot.order, slot.gating, ++core.counter);
  }
  rescan.next = core.clock->now() + kRescanInterval;
  return rescan;
}

void learn_slot(ClientCore& core, const SlotId& id) {
  if (!core.spool) return;
  {
    std::lock_guard<std::mutex> lock(core.mutex);
    if (core.table.find(id) != nullptr) return;
  }
  Claim known = core.spool->known(id);
  std::lock_guard<std::mutex> lock(core.mutex);
  if (core.table.find(id) != nullptr) return;
  const std::int64_t since = core.clock->wall_ns() - core.settings.dedup_trust_s * 1'000'000'000LL;
  const bool trusted = known.delivered && known.delivered->wall_ns >= since;
  core.table.remember(
      id, trusted ? std::make_unique<Content>(std::move(known.delivered->content)) : nullptr,
      trusted ? known.delivered->wall_ns : 0,
      known.remote ? std::make_unique<RemoteState>(std::move(*known.remote)) : nullptr);
}

std::string spool_comment_body(ClientCore& core, const SlotId& id) {
  if (!core.spool) return "";
  const Claim known = core.spool->known(id);
  const Content* content = known.newest      ? &known.newest->desired
                           : known.delivered ? &known.delivered->content
                                             : nullptr;
  const auto* comment = content ? std::get_if<CommentContent>(content) : nullptr;
  return comment ? comment->body : "";
}

ClaimVerdict claim_slot(ClientCore& core, Slot& slot, std::unique_lock<std::mutex>& lock,
                        SpoolLease& lease, bool& foreign, std::vector<DeliveryReport>& reports) {
  foreign = false;
  if (!core.spool) return ClaimVerdict::deliver;
  const SlotId id = slot.id;
  lock.unlock();
  Claim claim = core.spool->claim(id);
  lock.lock();
  if (!claim.acquired) {
    const Duration held(
        std::max<std::int64_t>(0, (claim.held_until_ns - core.clock->wall_ns()) / 1'000'000));
    core.table.postpone(slot, core.clock->now() + std::min(held, kBusyRetry));
    return ClaimVerdict::busy;
  }
  lease.token = claim.token;
  if (claim.remote) {
    slot.remote() = std::move(*claim.remote);
    lease.saved_remote = encode_remote(slot.remote());
  }
  if (claim.delivered && claim.delivered->wall_ns > slot.delivered_wall_ns()) {
    slot.set_delivered(claim.delivered->content, claim.delivered->wall_ns);
    slot.ever_delivered = true;
  }
  if (!claim.newest || claim.newest->order < slot.order) {
    if (claim.newest) return ClaimVerdict::deliver;  // ours is newer: not yet journaled there
    // Settled in the spool by another process (or by this one before a restart).
    const bool same = claim.delivered && claim.delivered->content == slot.desired;
    core.table.settle(slot, slot.seq, same ? Outcome::unchanged : Outcome::superseded, 0, "",
                      reports);
    const RemoteState remote = slot.has_remote() ? slot.remote() : RemoteState{};
    lock.unlock();
    core.spool->release(id, lease.token, remote);
    lock.lock();
    return ClaimVerdict::settled;
  }
  if (slot.order < claim.newest->order) {
    // Newer in the spool: another process's post (the same content posted again is not, nor
    // a post of this client's on its way from the spool to the table).
    foreign =
        !(claim.newest->desired == slot.desired) && core.journaling.count(claim.newest->order) == 0;
    core.table.adopt(slot, std::move(claim.newest->desired), claim.newest->order,
                     claim.newest->gating);
  }
  return ClaimVerdict::deliver;
}

void checkpoint(ClientCore& core, const SlotId& id, const RemoteState& remote, SpoolLease& lease) {
  if (!core.spool) return;
  std::string encoded = encode_remote(remote);
  const bool changed = encoded != lease.saved_remote;
  // Saving the remote state extends the lease as renewing does: one transaction either way.
  const bool held = changed ? core.spool->save_remote(id, lease.token, remote)
                            : core.spool->renew(id, lease.token);
  if (!held) throw LeaseLostError();
  if (changed) lease.saved_remote = std::move(encoded);
  if (core.spool->newer_content_waits(id, lease.order)) throw SupersededError();
}

bool finish_slot(ClientCore& core, const SlotId& id, SpoolLease& lease, bool settled,
                 bool delivered, const OrderKey& order, const Content& content,
                 const RemoteState& remote) {
  if (!core.spool) return true;
  if (!settled) {
    core.spool->release(id, lease.token, remote);
    return true;
  }
  return core.spool->complete(id, lease.token, order, content, delivered, remote,
                              core.clock->wall_ns());
}

void rescan_spool(ClientCore& core, std::unique_lock<std::mutex>& lock, SpoolRescan& rescan) {
  if (!core.spool || core.clock->now() < rescan.next) return;
  rescan.next = core.clock->now() + kRescanInterval;
  // Only rows written since the last read: earlier ones were taken then. The margin covers a
  // commit that began before that read and became visible after it.
  const std::int64_t since =
      rescan.read_wall_ns - 2 * std::chrono::nanoseconds(kRescanInterval).count();
  rescan.read_wall_ns = core.clock->wall_ns();
  lock.unlock();
  std::vector<SpooledSlot> pending = core.spool->pending(since);
  lock.lock();
  for (SpooledSlot& found : pending) {
    const Slot* slot = core.table.find(found.id);
    if (slot != nullptr && (slot->pending || !(slot->order < found.order))) continue;
    core.table.resume(found.id, std::move(found.desired), found.order, found.gating,
                      ++core.counter);
  }
}

}  // namespace cib
