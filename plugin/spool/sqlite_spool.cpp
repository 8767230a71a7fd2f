#include "spool/sqlite_spool.h"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <utility>

#include "spool/codec.h"
#include "spool/filesystem_check.h"
#include "spool/process_owner.h"
#include "spool/schema.h"
#include "spool/spool_files.h"
#include "spool/spool_sql.h"

namespace cib {
namespace {

constexpr std::int64_t kNanosPerMilli = 1'000'000;
constexpr std::int64_t kNanosPerDay = 86'400LL * 1'000'000'000LL;
// NOMUTEX: the object serialises its connection with its own mutex.
constexpr int kOpenFlags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

// The checks that must pass before the file itself is touched.
const std::string& checked_path(const SpoolOptions& options) {
  const std::filesystem::path parent = std::filesystem::path(options.path).parent_path();
  const std::string dir = parent.empty() ? std::string(".") : parent.string();
  prepare_spool_directory(dir, options.group);
  refuse_network_filesystem(dir);
  return options.path;
}

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

std::unique_ptr<Spool> Spool::open(const SpoolOptions& options, const Clock& clock) {
  return std::make_unique<SqliteSpool>(options, clock);
}

SqliteSpool::SqliteSpool(const SpoolOptions& options, const Clock& clock)
    : options_(options),
      clock_(clock),
      db_(checked_path(options_), kOpenFlags),
      queue_(db_mutex_,
             [this](const JournalBatch& batch, bool durable) { write_batch(batch, durable); }) {
  db_.busy_timeout(options_.busy_timeout_ms);
  db_.check_is_database();
  // The hard cap leaves deliveries room past the size at which posts are refused: recording
  // a delivery may copy its slot's content into `delivered` before the old copy is freed.
  if (options_.max_bytes > 0) db_.limit_size(2 * options_.max_bytes + (1 << 20));
  // Before WAL mode: switching it on rewrites the header of a file this code must refuse.
  migrate_spool(db_.handle(), path().c_str());
  db_.enable_wal();
  db_.exec(durable_by_default() ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  statements_ = std::make_unique<SpoolStatements>(db_);
  secure_spool_file(path(), options_.group);
  if (!durable_by_default()) queue_.start_committer();
}

SqliteSpool::~SqliteSpool() {
  queue_.stop();
}

void SqliteSpool::journal(const SlotId& id, const Content& content, const OrderKey& order,
                          bool gating, bool durable_now) {
  queue_.journal(id, content, order, gating, durable_now || durable_by_default());
}

void SqliteSpool::write_batch(const JournalBatch& batch, bool durable) {
  DurableCommits durability(db_, durable && !durable_by_default());
  ImmediateTransaction transaction(db_);
  refuse_past_cap();
  const std::int64_t now = clock_.wall_ns();
  Statement& upsert = statements_->upsert_slot;
  for (const auto& [id, entry] : batch) {
    StatementUse use(upsert);
    bind_slot(upsert, encode_slot_key(id))
        .bind_int64(3, static_cast<std::int64_t>(id.kind))
        .bind_text(4, encode_content(entry.content))
        .bind_blob(5, encode_order_key(entry.order))
        .bind_int64(6, entry.gating ? 1 : 0)
        .bind_int64(7, now)
        .run();
  }
  transaction.commit();
}

// Posts stop at spool.max_mb; deliveries may go past it (into the hard cap's headroom), since
// settling slots is what frees room again.
void SqliteSpool::refuse_past_cap() {
  if (options_.max_bytes <= 0) return;
  const std::int64_t used = (query_integer(db_.handle(), path(), "PRAGMA page_count") -
                             query_integer(db_.handle(), path(), "PRAGMA freelist_count")) *
                            query_integer(db_.handle(), path(), "PRAGMA page_size");
  if (used < options_.max_bytes) return;
  throw SpoolError(SpoolError::Kind::full,
                   "spool " + path() + ": spool.max_mb (" +
                       std::to_string(options_.max_bytes / (1024 * 1024)) +
                       " MiB) is reached; new posts are refused until deliveries free room "
                       "(raise spool.max_mb, or see why the host is not taking them)");
}

std::vector<SpooledSlot> SqliteSpool::pending() {
  std::lock_guard<std::mutex> lock(db_mutex_);
  queue_.commit_locked(false);
  Statement& select = statements_->select_pending;
  StatementUse use(select);
  select.bind_text(1, options_.identity);
  std::vector<SpooledSlot> slots;
  while (select.step()) {
    SpooledSlot slot;
    slot.id = decode_slot_key(select.column_text(0));
    slot.desired = decode_content(slot.id.kind, select.column_text(2));
    slot.order = decode_order_key(select.column_blob(3));
    slot.gating = select.column_int64(4) != 0;
    slots.push_back(std::move(slot));
  }
  return slots;
}

void SqliteSpool::for_each_known(
    std::int64_t since_wall_ns,
    const std::function<void(const SlotId&, const std::optional<DeliveredRecord>&,
                             const std::optional<RemoteState>&)>& visit) {
  struct Known {
    SlotId id;
    std::optional<DeliveredRecord> delivered;
    std::optional<RemoteState> remote;
  };
  std::vector<Known> known;
  {
    std::lock_guard<std::mutex> lock(db_mutex_);
    Statement& select = statements_->select_known;
    StatementUse use(select);
    select.bind_text(1, options_.identity).bind_int64(2, since_wall_ns);
    while (select.step()) {
      Known row{decode_slot_key(select.column_text(0)), std::nullopt, std::nullopt};
      if (!select.column_is_null(1)) {
        row.delivered =
            DeliveredRecord{decode_content(row.id.kind, select.column_text(1)),
                            decode_order_key(select.column_blob(2)), select.column_int64(3)};
      }
      if (!select.column_is_null(4)) row.remote = decode_remote(select.column_text(4));
      known.push_back(std::move(row));
    }
  }
  // Visited without the lock, so that `visit` may call back into the spool.
  for (const Known& row : known) visit(row.id, row.delivered, row.remote);
}

Claim SqliteSpool::claim(const SlotId& id) {
  std::lock_guard<std::mutex> lock(db_mutex_);
  queue_.commit_locked(false);  // the newest content must be in the file before it is read
  const std::string slot_key = encode_slot_key(id);
  ImmediateTransaction transaction(db_);
  Claim claim;
  claim.acquired = take_lease(slot_key, clock_.wall_ns(), claim);
  read_known(id, slot_key, claim);
  transaction.commit();
  return claim;
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

bool SqliteSpool::renew(const SlotId& id, std::uint64_t token) {
  std::lock_guard<std::mutex> lock(db_mutex_);
  return extend_lease(encode_slot_key(id), token, clock_.wall_ns());
}

bool SqliteSpool::newer_content_waits(const SlotId& id, const OrderKey& order) {
  std::lock_guard<std::mutex> lock(db_mutex_);
  Statement& select = statements_->select_slot;
  StatementUse use(select);
  return bind_slot(select, encode_slot_key(id)).step() &&
         select.column_blob(2) > encode_order_key(order);
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

bool SqliteSpool::save_remote(const SlotId& id, std::uint64_t token, const RemoteState& remote) {
  std::lock_guard<std::mutex> lock(db_mutex_);
  DurableCommits durability(db_, !durable_by_default());
  ImmediateTransaction transaction(db_);
  const std::int64_t now = clock_.wall_ns();
  const std::string slot_key = encode_slot_key(id);
  if (!extend_lease(slot_key, token, now)) return false;
  save_remote_row(slot_key, remote, now);
  transaction.commit();
  return true;
}

bool SqliteSpool::complete(const SlotId& id, std::uint64_t token, const OrderKey& order,
                           const Content& content, bool delivered, const RemoteState& remote,
                           std::int64_t wall_ns) {
  std::lock_guard<std::mutex> lock(db_mutex_);
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

void SqliteSpool::release(const SlotId& id, std::uint64_t token, const RemoteState& remote) {
  std::lock_guard<std::mutex> lock(db_mutex_);
  DurableCommits durability(db_, !durable_by_default());
  ImmediateTransaction transaction(db_);
  const std::string slot_key = encode_slot_key(id);
  // A lost lease belongs to someone else now, and so does what the host holds.
  if (release_lease(slot_key, token)) save_remote_row(slot_key, remote, clock_.wall_ns());
  transaction.commit();
}

std::size_t SqliteSpool::remove_expired() {
  std::lock_guard<std::mutex> lock(db_mutex_);
  ImmediateTransaction transaction(db_);
  const std::int64_t now = clock_.wall_ns();
  const std::int64_t cutoff = now - options_.retain_days * kNanosPerDay;
  std::int64_t removed = 0;
  const std::pair<Statement*, std::int64_t> deletes[] = {
      {&statements_->delete_old_delivered, cutoff},
      {&statements_->delete_settled_slots, now},
      {&statements_->delete_old_leases, cutoff}};
  for (const auto& [statement, time] : deletes) {
    StatementUse use(*statement);
    statement->bind_text(1, options_.identity).bind_int64(2, time).run();
    removed += statement->changes();
  }
  transaction.commit();
  return static_cast<std::size_t>(removed);
}

std::size_t SqliteSpool::pending_count(std::size_t* gating) {
  std::lock_guard<std::mutex> lock(db_mutex_);
  queue_.commit_locked(false);
  Statement& count = statements_->count_pending;
  StatementUse use(count);
  count.bind_text(1, options_.identity).step();
  if (gating != nullptr) *gating = static_cast<std::size_t>(count.column_int64(1));
  return static_cast<std::size_t>(count.column_int64(0));
}

Statement& SqliteSpool::bind_slot(Statement& statement, const std::string& slot_key) {
  return statement.bind_text(1, options_.identity).bind_text(2, slot_key);
}

}  // namespace cib
