// The spool's delivery protocol: a slot's lease, what the spool knows of it, and recording the
// end of a delivery by compare-and-set (see spool.h).
#include <optional>
#include <string>

#include "spool/codec.h"
#include "spool/process_owner.h"
#include "spool/spool_sql.h"
#include "spool/spool_sqlite_errors.h"
#include "spool/sqlite_spool.h"

namespace cib {
namespace {

constexpr std::int64_t kNanosPerMilli = 1'000'000;

struct LeaseRow {
  std::int64_t token = 0;
  std::optional<ProcessOwner> owner;  // none: released
  std::int64_t expires_ns = 0;
};

bool takeable(const std::optional<LeaseRow>& lease, std::int64_t now, const ProcessOwner& me) {
  if (!lease || !lease->owner || lease->expires_ns <= now) return true;
  return *lease->owner == me || owner_is_gone(*lease->owner);
}

bool knows_nothing(const RemoteState& remote) {
  return remote.remote_id.empty() && !remote.create_ambiguous && !remote.host_known &&
         !remote.report_known && remote.report_digest.empty() && remote.annotations.empty();
}

Statement& bind_owner(Statement& statement, int first_index, const ProcessOwner& owner) {
  return statement.bind_text(first_index, owner.boot_id)
      .bind_int64(first_index + 1, owner.pid)
      .bind_int64(first_index + 2, owner.start_time);
}

}  // namespace

Claim SqliteSpool::claim(const SlotId& id) {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
  // The newest content should be in the file before it is read; when it cannot be written, it
  // is still delivered from the queue.
  commit_queued_locked();
  const std::string slot_key = encode_slot_key(id);
  Claim claim;
  try {
    ImmediateTransaction transaction(db_);
    claim.acquired = take_lease(slot_key, clock_.wall_ns(), claim);
    read_known(id, slot_key, claim);
    transaction.commit();
  } catch (const SqliteError& error) {
    reclaim_after(error);
    throw spool_error(error);
  }
  merge_queued(id, claim);
  return claim;
}

// An entry of this process not written yet is the newest content the spool knows of the slot.
void SqliteSpool::merge_queued(const SlotId& id, Claim& claim) {
  std::optional<JournalEntry> queued = queue_.queued(id);
  if (!queued || (claim.newest && !(claim.newest->order < queued->order))) return;
  claim.newest = SpooledSlot{id, std::move(queued->content), queued->order, queued->gating};
}

bool SqliteSpool::take_lease(const std::string& slot_key, std::int64_t now, Claim& claim) {
  std::optional<LeaseRow> lease;
  {
    Statement& select = statements_->select_lease;
    StatementUse use(select);
    if (bind_slot(select, slot_key).step()) {
      lease = LeaseRow{select.column_int64(0), std::nullopt, select.column_int64(4)};
      if (!select.column_is_null(2)) {
        lease->owner =
            ProcessOwner{select.column_text(1), select.column_int64(2), select.column_int64(3)};
      }
    }
  }
  const ProcessOwner me = current_process_owner();
  if (!takeable(lease, now, me)) {
    claim.held_until_ns = lease->expires_ns;
    return false;
  }
  const std::int64_t token = (lease ? lease->token : 0) + 1;
  Statement& take = statements_->take_lease;
  StatementUse use(take);
  bind_slot(take, slot_key).bind_int64(3, token);
  bind_owner(take, 4, me).bind_int64(7, now + options_.lease_ms * kNanosPerMilli).run();
  claim.token = static_cast<std::uint64_t>(token);
  return true;
}

Claim SqliteSpool::known(const SlotId& id) try {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
  Claim claim;
  read_known(id, encode_slot_key(id), claim);
  merge_queued(id, claim);
  return claim;
} catch (const SqliteError& error) {
  throw spool_error(error);
}

void SqliteSpool::read_known(const SlotId& id, const std::string& slot_key, Claim& claim) {
  {
    Statement& select = statements_->select_slot;
    StatementUse use(select);
    if (bind_slot(select, slot_key).step() && select.column_int64(4) != 0) {
      claim.newest =
          SpooledSlot{id, decode_content(id.kind, select.column_text(1)),
                      decode_order_key(select.column_blob(2)), select.column_int64(3) != 0};
    }
  }
  {
    Statement& select = statements_->select_delivered;
    StatementUse use(select);
    if (bind_slot(select, slot_key).step()) {
      claim.delivered =
          DeliveredRecord{decode_content(id.kind, select.column_text(0)),
                          decode_order_key(select.column_blob(1)), select.column_int64(2)};
    }
  }
  Statement& select = statements_->select_remote;
  StatementUse use(select);
  if (bind_slot(select, slot_key).step()) claim.remote = decode_remote(select.column_text(0));
}

bool SqliteSpool::renew(const SlotId& id, std::uint64_t token) try {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
  return extend_lease(encode_slot_key(id), token, clock_.wall_ns());
} catch (const SqliteError& error) {
  throw spool_error(error);
}

bool SqliteSpool::newer_content_waits(const SlotId& id, const OrderKey& order) try {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
  Statement& select = statements_->select_slot;
  StatementUse use(select);
  return bind_slot(select, encode_slot_key(id)).step() &&
         select.column_blob(2) > encode_order_key(order);
} catch (const SqliteError& error) {
  throw spool_error(error);
}

// A lease is this process's while its token is unchanged, its owner is this process and it has
// not expired; a write under it extends it.
bool SqliteSpool::extend_lease(const std::string& slot_key, std::uint64_t token, std::int64_t now) {
  Statement& renew = statements_->renew_lease;
  StatementUse use(renew);
  bind_slot(renew, slot_key).bind_int64(3, static_cast<std::int64_t>(token));
  bind_owner(renew, 4, current_process_owner())
      .bind_int64(7, now)
      .bind_int64(8, now + options_.lease_ms * kNanosPerMilli)
      .run();
  return renew.changes() == 1;
}

bool SqliteSpool::release_lease(const std::string& slot_key, std::uint64_t token) {
  Statement& release = statements_->release_lease;
  StatementUse use(release);
  bind_slot(release, slot_key).bind_int64(3, static_cast<std::int64_t>(token));
  bind_owner(release, 4, current_process_owner()).run();
  return release.changes() == 1;
}

bool SqliteSpool::save_remote(const SlotId& id, std::uint64_t token,
                              const RemoteState& remote) try {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
  DurableCommits durability(db_, !durable_by_default());
  ImmediateTransaction transaction(db_);
  const std::int64_t now = clock_.wall_ns();
  const std::string slot_key = encode_slot_key(id);
  if (!extend_lease(slot_key, token, now)) return false;
  save_remote_row(slot_key, remote, now);
  transaction.commit();
  return true;
} catch (const SqliteError& error) {
  throw spool_error(error);
}

bool SqliteSpool::complete(const SlotId& id, std::uint64_t token, const OrderKey& order,
                           const Content& content, bool delivered, const RemoteState& remote,
                           std::int64_t wall_ns) {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
  try {
    return complete_locked(id, token, order, content, delivered, remote, wall_ns);
  } catch (const SqliteError& error) {
    reclaim_after(error);
    throw spool_error(error);
  }
}

bool SqliteSpool::complete_locked(const SlotId& id, std::uint64_t token, const OrderKey& order,
                                  const Content& content, bool delivered, const RemoteState& remote,
                                  std::int64_t wall_ns) {
  DurableCommits durability(db_, !durable_by_default());
  ImmediateTransaction transaction(db_);
  const std::int64_t now = clock_.wall_ns();
  const std::string slot_key = encode_slot_key(id);
  if (!extend_lease(slot_key, token, now)) return false;
  if (settle(id, slot_key, order, content, now) && delivered) {
    save_delivered(slot_key, order, content, wall_ns);
  }
  save_remote_row(slot_key, remote, now);
  release_lease(slot_key, token);
  const bool settled = !slot_pending(slot_key);
  transaction.commit();
  queue_.forget_settled(id, order);
  measure_room();
  return settled;
}

// True when `order` became the slot's settled key (it was newer than the settled one).
bool SqliteSpool::settle(const SlotId& id, const std::string& slot_key, const OrderKey& order,
                         const Content& content, std::int64_t now) {
  const std::string order_blob = encode_order_key(order);
  {
    Statement& update = statements_->settle_slot;
    StatementUse use(update);
    bind_slot(update, slot_key).bind_blob(3, order_blob).bind_int64(4, now).run();
    if (update.changes() == 1) return true;
  }
  Statement& insert = statements_->insert_settled;
  StatementUse use(insert);
  bind_slot(insert, slot_key)
      .bind_int64(3, static_cast<std::int64_t>(id.kind))
      .bind_text(4, encode_content(content))
      .bind_blob(5, order_blob)
      .bind_int64(6, now)
      .run();
  return insert.changes() == 1;
}

void SqliteSpool::save_delivered(const std::string& slot_key, const OrderKey& order,
                                 const Content& content, std::int64_t wall_ns) {
  Statement& upsert = statements_->upsert_delivered;
  StatementUse use(upsert);
  bind_slot(upsert, slot_key)
      .bind_text(3, encode_content(content))
      .bind_blob(4, encode_order_key(order))
      .bind_int64(5, wall_ns)
      .run();
}

bool SqliteSpool::slot_pending(const std::string& slot_key) {
  Statement& select = statements_->select_slot;
  StatementUse use(select);
  return bind_slot(select, slot_key).step() && select.column_int64(4) != 0;
}

// An empty state (nothing known of the host) is no row, so that remove_expired() can drop the
// slot once its delivered record expired.
void SqliteSpool::save_remote_row(const std::string& slot_key, const RemoteState& remote,
                                  std::int64_t now) {
  if (knows_nothing(remote)) {
    Statement& erase = statements_->delete_remote;
    StatementUse use(erase);
    bind_slot(erase, slot_key).run();
    return;
  }
  Statement& upsert = statements_->upsert_remote;
  StatementUse use(upsert);
  bind_slot(upsert, slot_key).bind_text(3, encode_remote(remote)).bind_int64(4, now).run();
}

void SqliteSpool::release(const SlotId& id, std::uint64_t token, const RemoteState& remote) try {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
  DurableCommits durability(db_, !durable_by_default());
  ImmediateTransaction transaction(db_);
  const std::string slot_key = encode_slot_key(id);
  // A lost lease belongs to someone else now, and so does what the host holds.
  if (release_lease(slot_key, token)) save_remote_row(slot_key, remote, clock_.wall_ns());
  transaction.commit();
} catch (const SqliteError& error) {
  throw spool_error(error);
}

}  // namespace cib
