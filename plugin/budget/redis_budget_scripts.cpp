#include "budget/redis_budget_scripts.h"

namespace cib {

// Shared by every script: Redis' clock in ms, and whole numbers written without an exponent
// (Lua 5.1 would print 1.7e+12 for a large number).
#define CIB_REDIS_PRELUDE                                                           \
  "local clock = redis.call('TIME')\n"                                              \
  "local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)\n" \
  "local function int(x) return string.format('%.0f', x) end\n"

// KEYS: pause, clients, one per log, one per bucket.
// ARGV: priority, margin_ms, L, B, unique member suffix; per log: applies (1/0), window_ms,
//   cap of this priority, bulk cap (-1: none for this request); per bucket: applies,
//   capacity, refill_ms.
const char* redis_take_script() {
  return CIB_REDIS_PRELUDE
      "local margin = tonumber(ARGV[2])\n"
      "local nlogs = tonumber(ARGV[3])\n"
      "local nbuckets = tonumber(ARGV[4])\n"
      "local member = ARGV[1] .. ':' .. ARGV[5]\n"
      // How long until fewer than `cap` of `count` entries (oldest first) remain in the window.
      "local function wait_for(count, cap, window, time_at)\n"
      "  if count < cap then return 0 end\n"
      "  if count == 0 then return window + margin + 1 end\n"
      "  local index = math.min(count - math.max(cap, 0), count - 1)\n"
      "  return math.max(1, time_at(index) + window + margin + 1 - now)\n"
      "end\n"
      "local wait, blocked, used = 0, 0, {}\n"
      "for i = 1, nlogs do\n"
      "  local key, base = KEYS[2 + i], 5 + (i - 1) * 4\n"
      "  local window = tonumber(ARGV[base + 2])\n"
      "  redis.call('ZREMRANGEBYSCORE', key, '-inf', int(now - window - margin))\n"
      "  used[i] = redis.call('ZCARD', key)\n"
      "  if ARGV[base + 1] == '1' then\n"
      "    local w = wait_for(used[i], tonumber(ARGV[base + 3]), window, function(index)\n"
      "      return tonumber(redis.call('ZRANGE', key, index, index, 'WITHSCORES')[2])\n"
      "    end)\n"
      "    if w > wait then wait, blocked = w, i end\n"
      "    local bulk_cap = tonumber(ARGV[base + 4])\n"
      "    if bulk_cap >= 0 then\n"
      "      local times, all = {}, redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')\n"
      "      for k = 1, #all, 2 do\n"
      "        if string.sub(all[k], 1, 2) == '2:' then times[#times + 1] = tonumber(all[k + 1]) "
      "end\n"
      "      end\n"
      "      w = wait_for(#times, bulk_cap, window, function(index) return times[index + 1] end)\n"
      "      if w > wait then wait, blocked = w, nlogs + nbuckets + i end\n"
      "    end\n"
      "  end\n"
      "end\n"
      "local live = redis.call('ZCOUNT', KEYS[2], '(' .. int(now), '+inf')\n"
      "local function answer(granted)\n"
      "  local out = {granted, wait, blocked, now, live}\n"
      "  for i = 1, nlogs do out[#out + 1] = used[i] end\n"
      "  return out\n"
      "end\n"
      "local paused = tonumber(redis.call('GET', KEYS[1]) or '0')\n"
      "if paused > now then\n"
      "  wait, blocked = paused - now, -1\n"
      "  return answer(0)\n"
      "end\n"
      "local levels = {}\n"
      "for j = 1, nbuckets do\n"
      "  local key, base = KEYS[2 + nlogs + j], 5 + nlogs * 4 + (j - 1) * 3\n"
      "  local capacity = tonumber(ARGV[base + 2])\n"
      "  local refill = math.max(1, tonumber(ARGV[base + 3]))\n"
      "  local state = redis.call('HMGET', key, 'tokens', 'updated')\n"
      "  local level = capacity\n"
      "  if state[1] and state[2] then\n"
      "    local gained = math.max(0, now - tonumber(state[2])) / refill\n"
      "    level = math.min(capacity, tonumber(state[1]) + gained)\n"
      "  end\n"
      "  levels[j] = level\n"
      "  if ARGV[base + 1] == '1' and level < 1 then\n"
      "    local w = math.ceil((1 - level) * refill)\n"
      "    if w > wait then wait, blocked = math.max(1, w), nlogs + j end\n"
      "  end\n"
      "end\n"
      "if wait > 0 then return answer(0) end\n"
      "for i = 1, nlogs do\n"
      "  local key, base = KEYS[2 + i], 5 + (i - 1) * 4\n"
      "  if ARGV[base + 1] == '1' then\n"
      "    redis.call('ZADD', key, int(now), member)\n"
      "    redis.call('PEXPIRE', key, int(tonumber(ARGV[base + 2]) + margin + 1000))\n"
      "    used[i] = used[i] + 1\n"
      "  end\n"
      "end\n"
      "for j = 1, nbuckets do\n"
      "  local key, base = KEYS[2 + nlogs + j], 5 + nlogs * 4 + (j - 1) * 3\n"
      "  local level = levels[j]\n"
      "  if ARGV[base + 1] == '1' then level = level - 1 end\n"
      "  local refill = math.max(1, tonumber(ARGV[base + 3]))\n"
      "  redis.call('HSET', key, 'tokens', string.format('%.17g', level), 'updated', int(now))\n"
      // Once full again the bucket may vanish: a missing bucket reads as full.
      "  redis.call('PEXPIRE', key, int(math.ceil((tonumber(ARGV[base + 2]) - level) * refill) + "
      "1000))\n"
      "end\n"
      "return answer(1)\n";
}

// KEYS: pause, clients, one per log, one per bucket. ARGV: margin_ms, L, B, window_ms per log.
const char* redis_usage_script() {
  return CIB_REDIS_PRELUDE
      "local margin, nlogs, nbuckets = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])\n"
      "local out = {now, tonumber(redis.call('GET', KEYS[1]) or '0'),\n"
      "             redis.call('ZCOUNT', KEYS[2], '(' .. int(now), '+inf')}\n"
      "for i = 1, nlogs do\n"
      "  local floor = now - tonumber(ARGV[3 + i]) - margin\n"
      "  out[#out + 1] = redis.call('ZRANGEBYSCORE', KEYS[2 + i], '(' .. int(floor), '+inf',\n"
      "                             'WITHSCORES')\n"
      "end\n"
      "for j = 1, nbuckets do\n"
      "  local state = redis.call('HMGET', KEYS[2 + nlogs + j], 'tokens', 'updated')\n"
      "  out[#out + 1] = {state[1] or '', state[2] or ''}\n"
      "end\n"
      "return out\n";
}

// KEYS: the log. ARGV: count, at_ms, member prefix, keep_ms (the least time the key must live).
const char* redis_add_external_script() {
  return "local count = tonumber(ARGV[1])\n"
         "for k = 1, count do redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3] .. ':' .. k) end\n"
         "if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[4]) then\n"
         "  redis.call('PEXPIRE', KEYS[1], ARGV[4])\n"
         "end\n"
         "return count\n";
}

// KEYS: the logs. ARGV: per entry, the index of its log in KEYS, t_ms, member, keep_until_ms
// (when it no longer counts for its log; entries already past it are left out).
const char* redis_add_logged_script() {
  return CIB_REDIS_PRELUDE
      "local added = 0\n"
      "for k = 1, #ARGV, 4 do\n"
      "  local key = KEYS[tonumber(ARGV[k])]\n"
      "  local keep = tonumber(ARGV[k + 3]) - now\n"
      "  if keep > 0 then\n"
      "    redis.call('ZADD', key, ARGV[k + 1], ARGV[k + 2])\n"
      "    if redis.call('PTTL', key) < keep then redis.call('PEXPIRE', key, int(keep)) end\n"
      "    added = added + 1\n"
      "  end\n"
      "end\n"
      "return added\n";
}

// KEYS: pause. ARGV: until_ms.
const char* redis_pause_script() {
  return CIB_REDIS_PRELUDE
      "local until_ms = tonumber(ARGV[1])\n"
      "local current = tonumber(redis.call('GET', KEYS[1]) or '0')\n"
      "if until_ms > now and until_ms > current then\n"
      "  redis.call('SET', KEYS[1], int(until_ms), 'PX', int(until_ms - now))\n"
      "end\n"
      "return now\n";
}

// KEYS: clients. ARGV: client id, ttl_ms.
const char* redis_heartbeat_script() {
  return CIB_REDIS_PRELUDE
      "local ttl = tonumber(ARGV[2])\n"
      "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', int(now))\n"
      "redis.call('ZADD', KEYS[1], int(now + ttl), ARGV[1])\n"
      "if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], int(ttl)) end\n"
      "return redis.call('ZCOUNT', KEYS[1], '(' .. int(now), '+inf')\n";
}

#undef CIB_REDIS_PRELUDE

}  // namespace cib
