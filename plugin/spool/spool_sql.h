// The SQL of the SQLite spool (schema v1, see schema.cpp), prepared once per connection.
// Order keys are BLOBs that SQLite compares with memcmp, which is OrderKey order.
#pragma once

#include "sqlite/database.h"

namespace cib {

// Parameters: ?1 identity, ?2 slot_key, then as each statement says.
struct SpoolSql {
  static constexpr const char* upsert_slot =
      "INSERT INTO slots(identity, slot_key, kind, desired, order_key, gating, settled_key, "
      "pending, updated_ns) VALUES(?1, ?2, ?3, ?4, ?5, ?6, NULL, 1, ?7) "
      "ON CONFLICT(identity, slot_key) DO UPDATE SET desired = excluded.desired, "
      "order_key = excluded.order_key, gating = excluded.gating, "
      "pending = (slots.settled_key IS NULL OR slots.settled_key < excluded.order_key), "
      "updated_ns = excluded.updated_ns WHERE excluded.order_key > slots.order_key";
  static constexpr const char* select_pending =
      "SELECT slot_key, kind, desired, order_key, gating FROM slots "
      "WHERE identity = ?1 AND pending = 1 AND updated_ns >= ?2";
  static constexpr const char* count_pending =
      "SELECT count(*), coalesce(sum(gating), 0) FROM slots WHERE identity = ?1 AND pending = 1";
  // ?2 since_wall_ns. Delivered records (with their remote state), then remote states alone.
  static constexpr const char* select_known =
      "SELECT d.slot_key, d.content, d.order_key, d.wall_ns, r.state FROM delivered d "
      "LEFT JOIN remote r ON r.identity = d.identity AND r.slot_key = d.slot_key "
      "WHERE d.identity = ?1 AND d.wall_ns >= ?2 "
      "UNION ALL SELECT r.slot_key, NULL, NULL, NULL, r.state FROM remote r "
      "WHERE r.identity = ?1 AND NOT EXISTS (SELECT 1 FROM delivered d WHERE "
      "d.identity = r.identity AND d.slot_key = r.slot_key AND d.wall_ns >= ?2)";
  static constexpr const char* select_slot =
      "SELECT kind, desired, order_key, gating, pending FROM slots "
      "WHERE identity = ?1 AND slot_key = ?2";
  static constexpr const char* select_delivered =
      "SELECT content, order_key, wall_ns FROM delivered WHERE identity = ?1 AND slot_key = ?2";
  static constexpr const char* select_remote =
      "SELECT state FROM remote WHERE identity = ?1 AND slot_key = ?2";
  static constexpr const char* select_lease =
      "SELECT token, owner_boot, owner_pid, owner_start, expires_ns FROM leases "
      "WHERE identity = ?1 AND slot_key = ?2";
  // ?3 token, ?4..?6 owner, ?7 expires_ns
  static constexpr const char* take_lease =
      "INSERT INTO leases(identity, slot_key, token, owner_boot, owner_pid, owner_start, "
      "expires_ns) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(identity, slot_key) DO UPDATE "
      "SET token = excluded.token, owner_boot = excluded.owner_boot, "
      "owner_pid = excluded.owner_pid, owner_start = excluded.owner_start, "
      "expires_ns = excluded.expires_ns";
  // ?3 token, ?4..?6 owner, ?7 now, ?8 new expires_ns
  static constexpr const char* renew_lease =
      "UPDATE leases SET expires_ns = ?8 WHERE identity = ?1 AND slot_key = ?2 AND token = ?3 "
      "AND owner_boot = ?4 AND owner_pid = ?5 AND owner_start = ?6 AND expires_ns > ?7";
  // ?3 token, ?4..?6 owner: a lease given up is released even when it expired meanwhile, since
  // nobody took it (the token is unchanged).
  static constexpr const char* release_lease =
      "UPDATE leases SET owner_boot = NULL, owner_pid = NULL, owner_start = NULL "
      "WHERE identity = ?1 AND slot_key = ?2 AND token = ?3 AND owner_boot = ?4 "
      "AND owner_pid = ?5 AND owner_start = ?6";
  // ?3 state, ?4 updated_ns
  static constexpr const char* upsert_remote =
      "INSERT INTO remote(identity, slot_key, state, updated_ns) VALUES(?1, ?2, ?3, ?4) "
      "ON CONFLICT(identity, slot_key) DO UPDATE SET state = excluded.state, "
      "updated_ns = excluded.updated_ns";
  static constexpr const char* delete_remote =
      "DELETE FROM remote WHERE identity = ?1 AND slot_key = ?2";
  // ?3 settled order key, ?4 updated_ns
  static constexpr const char* settle_slot =
      // Settled content is in `delivered` (or was refused): its copy here is dropped.
      "UPDATE slots SET settled_key = ?3, pending = (?3 < order_key), updated_ns = ?4, "
      "desired = CASE WHEN ?3 < order_key THEN desired ELSE '' END "
      "WHERE identity = ?1 AND slot_key = ?2 AND (settled_key IS NULL OR settled_key < ?3)";
  // A slot settled that the spool no longer (or never) had: ?3 kind, ?4 content, ?5 order key,
  // ?6 updated_ns
  static constexpr const char* insert_settled =
      "INSERT INTO slots(identity, slot_key, kind, desired, order_key, gating, settled_key, "
      "pending, updated_ns) VALUES(?1, ?2, ?3, ?4, ?5, 0, ?5, 0, ?6) "
      "ON CONFLICT(identity, slot_key) DO NOTHING";
  // ?3 content, ?4 order key, ?5 wall_ns
  static constexpr const char* upsert_delivered =
      "INSERT INTO delivered(identity, slot_key, content, order_key, wall_ns) "
      "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(identity, slot_key) DO UPDATE SET "
      "content = excluded.content, order_key = excluded.order_key, wall_ns = excluded.wall_ns "
      "WHERE excluded.order_key > delivered.order_key";
  // ?2 cutoff wall_ns
  static constexpr const char* delete_old_delivered =
      "DELETE FROM delivered WHERE identity = ?1 AND wall_ns < ?2";
  // ?2 now: settled slots that nothing refers to and nobody delivers
  static constexpr const char* delete_settled_slots =
      "DELETE FROM slots WHERE identity = ?1 AND pending = 0 "
      "AND NOT EXISTS (SELECT 1 FROM delivered d WHERE d.identity = slots.identity "
      "AND d.slot_key = slots.slot_key) "
      "AND NOT EXISTS (SELECT 1 FROM remote r WHERE r.identity = slots.identity "
      "AND r.slot_key = slots.slot_key) "
      "AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.identity = slots.identity "
      "AND l.slot_key = slots.slot_key AND l.owner_pid IS NOT NULL AND l.expires_ns > ?2)";
  // ?2 cutoff wall_ns: leases of slots long gone; no holder of such an old token is left, so
  // dropping the row (and restarting its token) fences nobody wrongly.
  static constexpr const char* delete_old_leases =
      "DELETE FROM leases WHERE identity = ?1 AND expires_ns < ?2 "
      "AND NOT EXISTS (SELECT 1 FROM slots s WHERE s.identity = leases.identity "
      "AND s.slot_key = leases.slot_key)";
};

// Every statement of the spool, prepared once per connection.
struct SpoolStatements {
  explicit SpoolStatements(Database& db)
      : upsert_slot(db.prepare(SpoolSql::upsert_slot)),
        select_pending(db.prepare(SpoolSql::select_pending)),
        count_pending(db.prepare(SpoolSql::count_pending)),
        select_known(db.prepare(SpoolSql::select_known)),
        select_slot(db.prepare(SpoolSql::select_slot)),
        select_delivered(db.prepare(SpoolSql::select_delivered)),
        select_remote(db.prepare(SpoolSql::select_remote)),
        select_lease(db.prepare(SpoolSql::select_lease)),
        take_lease(db.prepare(SpoolSql::take_lease)),
        renew_lease(db.prepare(SpoolSql::renew_lease)),
        release_lease(db.prepare(SpoolSql::release_lease)),
        upsert_remote(db.prepare(SpoolSql::upsert_remote)),
        delete_remote(db.prepare(SpoolSql::delete_remote)),
        settle_slot(db.prepare(SpoolSql::settle_slot)),
        insert_settled(db.prepare(SpoolSql::insert_settled)),
        upsert_delivered(db.prepare(SpoolSql::upsert_delivered)),
        delete_old_delivered(db.prepare(SpoolSql::delete_old_delivered)),
        delete_settled_slots(db.prepare(SpoolSql::delete_settled_slots)),
        delete_old_leases(db.prepare(SpoolSql::delete_old_leases)) {}

  Statement upsert_slot, select_pending, count_pending, select_known, select_slot, select_delivered,
      select_remote, select_lease, take_lease, renew_lease, release_lease, upsert_remote,
      delete_remote, settle_slot, insert_settled, upsert_delivered, delete_old_delivered,
      delete_settled_slots, delete_old_leases;
};

}  // namespace cib
