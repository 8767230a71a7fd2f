#include "spool/shared_spool_scripts.h"

namespace cib {

// Shared by every script: Redis' clock in ms, order keys compared byte by byte ("" or a missing
// field is older than any key), and whole numbers written without an exponent.
#define CIB_SPOOL_PRELUDE                                                           \
  "local clock = redis.call('TIME')\n"                                              \
  "local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)\n" \
  "local function int(x) return string.format('%.0f', x) end\n"                     \
  "local function newer(a, b)\n"                                                    \
  "  if not a or a == '' then return false end\n"                                   \
  "  if not b or b == '' then return true end\n"                                    \
  "  for i = 1, math.max(#a, #b) do\n"                                              \
  "    local x, y = string.byte(a, i) or -1, string.byte(b, i) or -1\n"             \
  "    if x ~= y then return x > y end\n"                                           \
  "  end\n"                                                                         \
  "  return false\n"                                                                \
  "end\n"                                                                           \
  "local function write_remote(remote)\n"                                           \
  "  if remote == '' then redis.call('HDEL', KEYS[1], 'remote')\n"                  \
  "  elseif remote ~= '-' then redis.call('HSET', KEYS[1], 'remote', remote) end\n" \
  "end\n"

// May `value` write the slot? It holds the lease (extended), or it holds none and nobody does,
// or Redis lost the lease (a restart, an expiry) and has given it to nobody since: then the
// record's last lease value is still `value` (or the record is gone too) and it is taken back.
#define CIB_SPOOL_MAY_WRITE                                    \
  "local function may_write(value, lease_ms)\n"                \
  "  local held = redis.call('GET', KEYS[2])\n"                \
  "  if value == '' then return not held end\n"                \
  "  if held == value then\n"                                  \
  "    redis.call('PEXPIRE', KEYS[2], int(lease_ms))\n"        \
  "    return true\n"                                          \
  "  end\n"                                                    \
  "  if held then return false end\n"                          \
  "  local last = redis.call('HGET', KEYS[1], 'lease')\n"      \
  "  if last and last ~= value then return false end\n"        \
  "  redis.call('SET', KEYS[2], value, 'PX', int(lease_ms))\n" \
  "  redis.call('HSET', KEYS[1], 'lease', value)\n"            \
  "  return true\n"                                            \
  "end\n"

const char* shared_claim_script() {
  return CIB_SPOOL_PRELUDE
      "local owner, lease_ms, retain_ms, ours = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]\n"
      "local r = redis.call('HMGET', KEYS[1], 'desired', 'desired_ms', 'settled', 'delivered',\n"
      "                     'delivered_order', 'delivered_wall', 'remote')\n"
      "local desired, desired_ms, settled = r[1] or '', tonumber(r[2] or '0'), r[3] or ''\n"
      "local function answer(status, n, value)\n"
      "  return {status, n, settled, r[4] or '', r[5] or '', r[6] or '', r[7] or '', value or ''}\n"
      "end\n"
      // Settled here already (by another machine, or nothing of ours to send): no lease.
      "if not newer(ours, settled) then return answer(2, 0) end\n"
      "if newer(ours, desired) then\n"
      "  desired, desired_ms = ours, now\n"
      "  redis.call('HSET', KEYS[1], 'desired', ours, 'desired_ms', int(now))\n"
      "elseif ours == desired then\n"
      "  desired_ms = now\n"
      "  redis.call('HSET', KEYS[1], 'desired_ms', int(now))\n"
      "end\n"
      "redis.call('PEXPIRE', KEYS[1], retain_ms)\n"
      "local held = redis.call('GET', KEYS[2])\n"
      "if held and string.match(held, '^%d+ (.+)$') ~= owner then\n"
      "  return answer(0, math.max(1, redis.call('PTTL', KEYS[2])))\n"
      "end\n"
      // Newer content of another machine that is still trying: it sends it, not us.
      "if newer(desired, ours) and now - desired_ms <= lease_ms then\n"
      "  return answer(0, math.max(1, lease_ms - (now - desired_ms)))\n"
      "end\n"
      "local token = redis.call('HINCRBY', KEYS[1], 'token', 1)\n"
      "local value = int(token) .. ' ' .. owner\n"
      "redis.call('SET', KEYS[2], value, 'PX', int(lease_ms))\n"
      "redis.call('HSET', KEYS[1], 'lease', value)\n"
      "return answer(1, token, value)\n";
}

const char* shared_hold_script() {
  return CIB_SPOOL_PRELUDE CIB_SPOOL_MAY_WRITE
      "if not may_write(ARGV[1], tonumber(ARGV[2])) then return 0 end\n"
      "if ARGV[4] ~= '-' then\n"
      "  write_remote(ARGV[4])\n"
      "  redis.call('PEXPIRE', KEYS[1], ARGV[3])\n"
      "end\n"
      "return 1\n";
}

const char* shared_release_script() {
  return CIB_SPOOL_PRELUDE
      "if ARGV[1] == '' or redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end\n"
      "write_remote(ARGV[3])\n"
      "redis.call('DEL', KEYS[2])\n"
      "redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
      "return 1\n";
}

const char* shared_complete_script() {
  return CIB_SPOOL_PRELUDE CIB_SPOOL_MAY_WRITE
      "local value, lease_ms, order = ARGV[1], tonumber(ARGV[2]), ARGV[4]\n"
      "if not may_write(value, lease_ms) then return -1 end\n"
      "local r = redis.call('HMGET', KEYS[1], 'settled', 'delivered_order', 'desired',\n"
      "                     'desired_ms')\n"
      "local settled = r[1] or ''\n"
      "if newer(order, settled) then\n"
      "  settled = order\n"
      "  redis.call('HSET', KEYS[1], 'settled', order)\n"
      "  if ARGV[5] == '1' and newer(order, r[2]) then\n"
      "    redis.call('HSET', KEYS[1], 'delivered', ARGV[6], 'delivered_order', order,\n"
      "               'delivered_wall', ARGV[7])\n"
      "  end\n"
      "end\n"
      "write_remote(ARGV[8])\n"
      "if value ~= '' then redis.call('DEL', KEYS[2]) end\n"
      "redis.call('PEXPIRE', KEYS[1], ARGV[3])\n"
      "if newer(r[3], settled) and now - tonumber(r[4] or '0') <= lease_ms then return 0 end\n"
      "return 1\n";
}

const char* shared_waits_script() {
  return CIB_SPOOL_PRELUDE
      "local order, lease_ms, value = ARGV[1], tonumber(ARGV[2]), ARGV[3]\n"
      "local r = redis.call('HMGET', KEYS[1], 'desired', 'desired_ms', 'settled')\n"
      "if not newer(r[1], order) or not newer(r[1], r[3]) then return 0 end\n"
      "if now - tonumber(r[2] or '0') <= lease_ms then return 1 end\n"
      "local held = redis.call('GET', KEYS[2])\n"
      "if held and held ~= value then return 1 end\n"
      "return 0\n";
}

#undef CIB_SPOOL_MAY_WRITE
#undef CIB_SPOOL_PRELUDE

}  // namespace cib
