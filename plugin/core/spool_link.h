// Where the client meets its spool: resuming at start-up, taking a slot's lease before a
// delivery and recording its end by compare-and-set, and picking up slots that other (dead)
// processes of the same identity left pending. Every function is a no-op without a spool.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/client_core.h"

namespace cib {

// When the spool is next read for slots that other processes left pending, and when it was
// last read. The dispatcher's.
struct SpoolRescan {
  TimePoint next{};
  std::int64_t read_wall_ns = 0;
};

// Start-up, before the dispatcher runs: pending slots of this identity become pending slots
// here. What was delivered is read slot by slot when first needed (learn_slot, claim_slot), so
// opening a client costs the same with a large spool. Returns when to read the spool again.
SpoolRescan resume_from_spool(ClientCore& core);

// Before the first post of a slot this process does not know: what the spool remembers of it
// (delivered record, remote state) becomes the slot's memory, for dedup and the gating rule.
// Called without the lock.
void learn_slot(ClientCore& core, const SlotId& id);

// The merged text of a summary comment slot as the spool last knew it (pending, else
// delivered); "" when none. Without the lock.
std::string spool_comment_body(ClientCore& core, const SlotId& id);

// The lease a delivery holds, and what the provider has written to RemoteState so far.
struct SpoolLease {
  std::uint64_t token = 0;
  OrderKey order;            // of the content being delivered
  std::string saved_remote;  // encoded RemoteState last made durable
};

enum class ClaimVerdict {
  deliver,  // the lease is ours; the slot holds the spool's newest content
  busy,     // another live process is delivering it: try again later (slot postponed)
  settled   // the spool says it is settled already (reports appended)
};

// Before a delivery, with the lock held (released while the spool works). `foreign` becomes
// true when the spool held newer content of another process, now in the slot.
ClaimVerdict claim_slot(ClientCore& core, Slot& slot, std::unique_lock<std::mutex>& lock,
                        SpoolLease& lease, bool& foreign, std::vector<DeliveryReport>& reports);

// Before each request of a delivery, without the lock: renews the lease and makes RemoteState
// durable when it changed. Throws LeaseLostError when another process took the slot over, and
// SupersededError when another process posted newer content meanwhile.
void checkpoint(ClientCore& core, const SlotId& id, const RemoteState& remote, SpoolLease& lease);

// After a delivery, without the lock. `settled`: delivered, or refused for good (`delivered`
// false). Otherwise the lease is released and the content stays pending. Returns false when the
// spool holds newer content than the one settled (another process's), which must be claimed.
bool finish_slot(ClientCore& core, const SlotId& id, SpoolLease& lease, bool settled,
                 bool delivered, const OrderKey& order, const Content& content,
                 const RemoteState& remote);

// Every few seconds, with the lock held: slots that other processes of this identity left
// pending in the spool (a dead owner's) and that this process does not hold yet.
void rescan_spool(ClientCore& core, std::unique_lock<std::mutex>& lock, SpoolRescan& rescan);

}  // namespace cib
