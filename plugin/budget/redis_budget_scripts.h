// The Lua scripts that keep a budget in Redis. Each runs atomically inside Redis and reads the
// time with redis.call('TIME'), so every machine sharing the budget uses one clock. Keys and
// arguments are described beside each script in redis_budget_scripts.cpp; RedisBudgetStore is
// the only caller.
//
// Layout, per identity (prefix "cibatch:budget:<identity>"):
//   <prefix>:log:<name>     ZSET of requests: score = Redis ms, member = "<priority>:<unique>"
//   <prefix>:bucket:<name>  HASH tokens, updated (Redis ms); a missing bucket is full
//   <prefix>:pause          the pause's end (Redis ms), expiring with it
//   <prefix>:clients        ZSET of client ids scored by the end of their heartbeat
// Every key expires once it no longer holds anything that counts, so idle identities vanish.
#pragma once

namespace cib {

// decide() of budget_decision.cpp in Lua: trims, decides and, when granted, logs and writes the
// buckets. Returns {granted, wait_ms, blocked, now_ms, live_clients, used_1 .. used_L}, where
// blocked is 0 (nothing), -1 (the pause), 1..L (log i), L+1..L+B (bucket j) or L+B+1..L+B+L
// (the bulk share of log i).
const char* redis_take_script();

// Reads what usage() needs: {now_ms, paused_until_ms, live_clients, {member, score, ...} per
// log (the entries in its window), {tokens, updated} per bucket}.
const char* redis_usage_script();

// Adds `count` external entries at a time to one log. Returns the count.
const char* redis_add_external_script();

// Adds entries logged while Redis was away, at their (Redis) times. Returns how many it added.
const char* redis_add_logged_script();

// Extends the pause to ARGV[1] (never shortens it). Returns now_ms.
const char* redis_pause_script();

// Marks a client alive until now + ttl. Returns the number of live clients.
const char* redis_heartbeat_script();

}  // namespace cib
