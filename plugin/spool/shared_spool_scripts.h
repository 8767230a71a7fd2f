// The Lua scripts that keep the cross-machine part of the spool in Redis (budget.shared). Each
// runs atomically inside Redis and reads the time with redis.call('TIME'), so machines with
// different clocks agree on leases. RedisSlotRecords is the only caller.
//
// Layout, per slot (key "cibatch:spool:<identity>:<slot key>", see codec.h):
//   <key>        HASH  desired, desired_ms   the newest order key any machine claimed with, and
//                                            when it last did so (Redis ms)
//                      settled               the newest order key settled
//                      delivered, delivered_order, delivered_wall   the delivered record
//                      remote                what the host holds (codec.h's encode_remote)
//                      token                 the last fencing token given out
//                      lease                 the last lease value given out ("<token> <owner>")
//   <key>:lease  STRING "<token> <owner>", expiring after the lease time
// Order keys are the 28-byte blobs of codec.h in lower-case hex, compared byte by byte (Lua's
// own string comparison follows the server's locale). A record expires spool.retain_days after
// its last write.
//
// Arguments common to all: KEYS[1] the record, KEYS[2] the lease. A lease value "" means "this
// process holds no Redis lease for the slot" (it claimed while Redis was away): such a write
// goes through only while nobody holds the lease.
#pragma once

namespace cib {

// ARGV: owner, lease_ms, retain_ms, ours (the local newest order key, "" when none).
// Records `ours` as desired (keeping the newer), then takes the lease unless another owner
// holds it or newer content claimed by another machine within the lease time waits.
// Returns {status, n, settled, delivered, delivered_order, delivered_wall, remote, lease value}
// where status 1 = taken (n: token), 0 = busy (n: ms to wait), 2 = nothing to deliver: the
// record's settled order is at least `ours` (no lease taken).
const char* shared_claim_script();

// ARGV: value, lease_ms, retain_ms, remote ("-": leave it, "": forget it, else the new state).
// Extends the lease when `value` holds it, takes it back when Redis lost it and nobody was
// given it since (a restart), then writes `remote`. Returns 1, or 0 when the lease is lost.
const char* shared_hold_script();

// ARGV: value, retain_ms, remote. When `value` holds the lease: writes `remote` and releases
// the lease. Returns 1, or 0 when the lease was not this value's.
const char* shared_release_script();

// ARGV: value, lease_ms, retain_ms, order, delivered (1/0), content, wall_ns, remote.
// With the lease held (as for shared_hold_script): records `order` as settled when newer, and
// the delivered record when `delivered` and newer; writes `remote`; releases the lease.
// Returns 1 when settled, 0 when newer content claimed by another machine waits, -1 when the
// lease was lost (nothing written).
const char* shared_complete_script();

// ARGV: order, lease_ms, value. Returns 1 when newer content than `order` waits: a desired
// order newer than both `order` and the settled one, claimed within the lease time or behind a
// lease another owner holds.
const char* shared_waits_script();

}  // namespace cib
