#include "spool/shared_spool.h"

#include <utility>

#include "spool/codec.h"

namespace cib {
namespace {

constexpr std::int64_t kNanosPerMilli = 1'000'000;

// True when Redis settled `order` or a newer one: another machine delivered (or refused for
// good) content at least as new, so there is nothing left to send here.
bool settled_there(const SharedRecord& record, const OrderKey& order) {
  return record.settled && !(*record.settled < order);
}

// What the core reads from a Claim, with Redis' record folded in: the delivered record with the
// newest order key (dedup across machines), the remote state the lease holders last wrote (a
// comment id, a create about to be sent), and no pending content once Redis settled it.
void merge(Claim& claim, const SharedRecord& record) {
  if (record.delivered && (!claim.delivered || claim.delivered->order < record.delivered->order)) {
    claim.delivered = record.delivered;
  }
  if (record.remote) claim.remote = record.remote;
  if (claim.newest && settled_there(record, claim.newest->order)) claim.newest.reset();
}

}  // namespace

SharedSpool::SharedSpool(std::unique_ptr<Spool> local, const std::string& redis_url,
                         const std::string& identity, std::int64_t lease_ms, const Clock& clock,
                         std::function<void(const std::string&)> warn, std::int64_t retain_days,
                         std::chrono::milliseconds timeout)
    : local_(std::move(local)),
      clock_(clock),
      redis_(redis_url, identity, lease_ms, retain_days, clock, std::move(warn), timeout) {}

void SharedSpool::journal(const SlotId& id, const Content& content, const OrderKey& order,
                          bool gating, bool durable_now) {
  local_->journal(id, content, order, gating, durable_now);
}

std::vector<SpooledSlot> SharedSpool::pending(std::int64_t changed_since_ns) {
  return local_->pending(changed_since_ns);
}

void SharedSpool::for_each_known(
    std::int64_t since_wall_ns,
    const std::function<void(const SlotId&, const std::optional<DeliveredRecord>&,
                             const std::optional<RemoteState>&)>& visit) {
  local_->for_each_known(since_wall_ns, visit);
}

std::size_t SharedSpool::remove_expired() {
  return local_->remove_expired();  // Redis' records expire by themselves (PEXPIRE)
}

// Pull tasks are a process's own work: the machine's spool keeps them.
void SharedSpool::save_pull_task(const std::string& key, const std::string& record) {
  local_->save_pull_task(key, record);
}

void SharedSpool::remove_pull_task(const std::string& key) {
  local_->remove_pull_task(key);
}

std::vector<std::string> SharedSpool::adopt_pull_tasks() {
  return local_->adopt_pull_tasks();
}

std::size_t SharedSpool::pending_count(std::size_t* gating) {
  return local_->pending_count(gating);
}

Claim SharedSpool::known(const SlotId& id) {
  Claim known = local_->known(id);
  if (const std::optional<SharedRecord> record = redis_.read(id)) merge(known, *record);
  return known;
}

Claim SharedSpool::claim(const SlotId& id) {
  Claim claim = local_->claim(id);
  if (!claim.acquired) return claim;
  const std::optional<RemoteState> local_remote = claim.remote;
  const std::optional<SharedClaim> shared =
      redis_.claim(id, claim.newest ? std::optional<OrderKey>(claim.newest->order) : std::nullopt);
  if (!shared) {
    remember(id, claim.token, "");
    return claim;
  }
  switch (shared->status) {
    case SharedClaim::Status::busy:
      // Another machine delivers the slot (or is about to, with newer content).
      local_->release(id, claim.token, local_remote.value_or(RemoteState{}));
      merge(claim, shared->record);
      claim.acquired = false;
      claim.token = 0;
      claim.held_until_ns = clock_.wall_ns() + shared->wait_ms * kNanosPerMilli;
      return claim;
    case SharedClaim::Status::settled:
      if (claim.newest) settle_locally(id, claim, shared->record);
      break;
    case SharedClaim::Status::taken:
      break;
  }
  merge(claim, shared->record);
  remember(id, claim.token, shared->lease);
  return claim;
}

// Redis settled the slot at or past the local newest content: the local spool records that too,
// so it stops counting the slot as pending and keeps the delivered record for when Redis is away.
void SharedSpool::settle_locally(const SlotId& id, Claim& claim, const SharedRecord& record) {
  const SpooledSlot& newest = *claim.newest;
  const RemoteState remote = record.remote ? *record.remote : claim.remote.value_or(RemoteState{});
  if (record.delivered && !(record.delivered->order < newest.order)) {
    local_->complete(id, claim.token, record.delivered->order, record.delivered->content, true,
                     remote, record.delivered->wall_ns);
  } else {
    local_->complete(id, claim.token, *record.settled, newest.desired, false, remote,
                     clock_.wall_ns());
  }
}

bool SharedSpool::renew(const SlotId& id, std::uint64_t token) {
  if (!local_->renew(id, token)) return false;
  const std::optional<std::string> lease = redis_lease(id, token);
  // Claimed while Redis was away: this delivery goes on under the local lease alone.
  if (!lease || lease->empty()) return true;
  return redis_.hold(id, *lease, std::nullopt).value_or(true);
}

bool SharedSpool::newer_content_waits(const SlotId& id, const OrderKey& order) {
  if (local_->newer_content_waits(id, order)) return true;
  std::string lease;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = leases_.find(encode_slot_key(id));
    if (found != leases_.end()) lease = found->second.redis_lease;
  }
  return redis_.newer_waits(id, order, lease).value_or(false);
}

bool SharedSpool::save_remote(const SlotId& id, std::uint64_t token, const RemoteState& remote) {
  if (!local_->save_remote(id, token, remote)) return false;
  const std::optional<std::string> lease = redis_lease(id, token);
  if (!lease) return true;
  // Before the request it precedes: a create's intent must reach the other machines first, so
  // that they look the comment up instead of creating a second one. Without a Redis lease (the
  // claim found Redis away) it is written only while no other machine holds the slot.
  return redis_.hold(id, *lease, remote).value_or(true);
}

bool SharedSpool::complete(const SlotId& id, std::uint64_t token, const OrderKey& order,
                           const Content& content, bool delivered, const RemoteState& remote,
                           std::int64_t wall_ns) {
  const bool settled = local_->complete(id, token, order, content, delivered, remote, wall_ns);
  const std::optional<std::string> lease = forget(id, token);
  if (!lease) return settled;
  const std::optional<int> shared =
      redis_.complete(id, *lease, order, content, delivered, remote, wall_ns);
  return settled && shared.value_or(1) == 1;
}

void SharedSpool::release(const SlotId& id, std::uint64_t token, const RemoteState& remote) {
  local_->release(id, token, remote);
  const std::optional<std::string> lease = forget(id, token);
  if (lease && !lease->empty()) redis_.release(id, *lease, remote);
}

void SharedSpool::remember(const SlotId& id, std::uint64_t token, std::string redis_lease) {
  std::lock_guard<std::mutex> lock(mutex_);
  leases_[encode_slot_key(id)] = HeldLease{token, std::move(redis_lease)};
}

std::optional<std::string> SharedSpool::redis_lease(const SlotId& id, std::uint64_t token) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = leases_.find(encode_slot_key(id));
  if (found == leases_.end() || found->second.token != token) return std::nullopt;
  return found->second.redis_lease;
}

std::optional<std::string> SharedSpool::forget(const SlotId& id, std::uint64_t token) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = leases_.find(encode_slot_key(id));
  if (found == leases_.end() || found->second.token != token) return std::nullopt;
  std::string lease = std::move(found->second.redis_lease);
  leases_.erase(found);
  return lease;
}

std::unique_ptr<Spool> share_spool(std::unique_ptr<Spool> local, const Settings& settings,
                                   const std::string& identity, const Clock& clock,
                                   std::function<void(const std::string&)> warn) {
  if (!local || settings.budget_shared.empty()) return local;
  return std::make_unique<SharedSpool>(std::move(local), settings.budget_shared, identity,
                                       settings.spool_lease_ms, clock, std::move(warn),
                                       settings.spool_retain_days);
}

}  // namespace cib
