#include "spool/sqlite_spool.h"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <utility>

#include "spool/codec.h"
#include "spool/schema.h"
#include "spool/spool_files.h"
#include "spool/spool_identities.h"
#include "spool/spool_pull_tasks.h"
#include "spool/spool_room.h"
#include "spool/spool_sql.h"
#include "spool/spool_sqlite_errors.h"
#include "sqlite/guarded_vfs.h"

namespace cib {
namespace {

constexpr std::int64_t kNanosPerDay = 86'400LL * 1'000'000'000LL;
// NOMUTEX: the object serialises its connection with its own mutex.
constexpr int kOpenFlags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

std::string directory_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// The checks that must pass before the file itself is touched.
const std::string& checked_path(const SpoolOptions& options) {
  const std::string dir = directory_of(options.path);
  prepare_spool_directory(dir, options.group);
  refuse_network_filesystem(dir);
  refuse_unwritable_spool_directory(dir);
  refuse_non_regular_spool_files(options.path);
  refuse_unmodifiable_spool_files(options.path);
  // Shared through spool.group: another user must never find the file not yet writable.
  create_spool_file(options.path, options.group);
  return options.path;
}

}  // namespace

std::unique_ptr<Spool> Spool::open(const SpoolOptions& options, const Clock& clock) {
  return std::make_unique<SqliteSpool>(options, clock);
}

// SqliteErrors become SpoolErrors at each entry point of the object (function-try-blocks).
SqliteSpool::SqliteSpool(const SpoolOptions& options, const Clock& clock) try
    : options_(options),
      clock_(clock),
      // The guarded VFS turns a -shm file made immutable meanwhile into an error, not SIGBUS.
      db_(checked_path(options_), kOpenFlags, guarded_vfs_name()),
      queue_(db_mutex_,
             [this](const JournalBatch& batch, bool durable) { write_batch(batch, durable); }) {
  db_.busy_timeout(options_.busy_timeout_ms);
  try {
    db_.check_is_database();
  } catch (const SqliteError& error) {
    if (error.kind() == SqliteError::Kind::not_a_database) throw not_a_spool(path());
    throw;
  }
  // The hard cap leaves deliveries room past the size at which posts are refused: recording
  // a delivery may copy its slot's content into `delivered` before the old copy is freed.
  if (options_.max_bytes > 0) db_.limit_size(2 * options_.max_bytes + (1 << 20));
  // Before WAL mode: switching it on rewrites the header of a file this code must refuse.
  migrate_spool(db_.handle(), path().c_str());
  db_.enable_wal();
  if (!options_.group.empty()) db_.keep_wal_files();
  db_.exec(durable_by_default() ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  fit_wal_to_disk(db_, directory_of(path()));
  statements_ = std::make_unique<SpoolStatements>(db_);
  remember_identity(db_, options_.identity, options_.api_url);
  secure_spool_file(path(), options_.group);
  file_id_ = spool_file_id(path());
  measure_room();
  if (options_.warn) queue_.on_trouble(options_.warn);
  if (!durable_by_default()) queue_.start_committer();
} catch (const SqliteError& error) {
  throw spool_error(error);
}

SqliteSpool::~SqliteSpool() {
  queue_.stop();
  std::lock_guard<std::mutex> lock(db_mutex_);
  // Closing writes the -shm file's mapping too: a connection given up, or one whose files
  // became immutable, stays open (a leak) unless the files are harmless again.
  try {
    refuse_unmodifiable_spool_files(path());
    db_.abandon(false);
  } catch (const SpoolError&) {
    db_.abandon();
  }
}

// Before each use of the connection, with the database mutex held. A file made immutable while
// the spool is open is refused before SQLite writes to its mapping of the -shm file (SIGBUS);
// the connection is then left open for good, since closing it writes that mapping too.
void SqliteSpool::check_files_locked() {
  if (abandoned_) throw SpoolError(SpoolError::Kind::read_only, *abandoned_);
  try {
    refuse_unmodifiable_spool_files(path());
  } catch (const SpoolError& error) {
    abandoned_ = error.what();
    db_.abandon();
    if (options_.warn) options_.warn(error.what());
    throw;
  }
  // A file put in its place: what was accepted is still written to (and delivered from) the
  // file held open, but new posts are refused.
  if (file_id_ && !replaced_.load(std::memory_order_relaxed) &&
      !(spool_file_id(path()) == file_id_)) {
    replaced_ = true;
    if (options_.warn) options_.warn(replaced_spool_error(path()).what());
  }
}

void SqliteSpool::journal(const SlotId& id, const Content& content, const OrderKey& order,
                          bool gating, bool durable_now) {
  // A post would go to the file this client holds open, lost with the process: refused.
  if (replaced_.load(std::memory_order_relaxed)) throw replaced_spool_error(path());
  if (!queue_.journal(id, content, order, gating, durable_now || durable_by_default(),
                      journal_entry_bytes(id, content))) {
    std::lock_guard<std::mutex> lock(room_mutex_);
    throw no_room_error(path(), options_.max_bytes, room_);
  }
}

// With the database mutex held, after each write: what unwritten entries may reserve now.
void SqliteSpool::measure_room() noexcept {
  const SpoolRoom room = measure_spool_room(db_, directory_of(path()), options_.max_bytes);
  {
    std::lock_guard<std::mutex> lock(room_mutex_);
    room_ = room;
  }
  queue_.set_room(room.bytes);
}

// A write that found the disk full: a checkpoint that cuts the WAL back may make room for the
// next attempt. Best effort, with the database mutex held.
void SqliteSpool::reclaim_after(const SqliteError& error) noexcept {
  if (error.kind() != SqliteError::Kind::full) return;
  sqlite3_wal_checkpoint_v2(db_.handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  measure_room();
}

void SqliteSpool::write_batch(const JournalBatch& batch, bool durable) {
  try {
    write_entries(batch, durable);
  } catch (const SqliteError& error) {
    reclaim_after(error);
    throw spool_error(error);
  }
  measure_room();
}

// Posts were refused past spool.max_mb when they were journaled (room reserved), so what is
// queued fits; the hard cap's headroom is for deliveries.
void SqliteSpool::write_entries(const JournalBatch& batch, bool durable) {
  check_files_locked();
  DurableCommits durability(db_, durable && !durable_by_default());
  ImmediateTransaction transaction(db_);
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

// Commits what is queued before a read, when it can: a failed commit keeps its entries queued
// (the committer retries and tells), and the read goes on with what the file holds.
void SqliteSpool::commit_queued_locked() noexcept {
  try {
    queue_.commit_locked(false);
  } catch (...) {
  }
}

std::vector<SpooledSlot> SqliteSpool::pending(std::int64_t changed_since_ns) try {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
  commit_queued_locked();
  Statement& select = statements_->select_pending;
  StatementUse use(select);
  select.bind_text(1, options_.identity).bind_int64(2, changed_since_ns);
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
} catch (const SqliteError& error) {
  throw spool_error(error);
}

void SqliteSpool::for_each_known(
    std::int64_t since_wall_ns,
    const std::function<void(const SlotId&, const std::optional<DeliveredRecord>&,
                             const std::optional<RemoteState>&)>& visit) try {
  struct Known {
    SlotId id;
    std::optional<DeliveredRecord> delivered;
    std::optional<RemoteState> remote;
  };
  std::vector<Known> known;
  {
    std::lock_guard<std::mutex> lock(db_mutex_);
    check_files_locked();
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
} catch (const SqliteError& error) {
  throw spool_error(error);
}

std::size_t SqliteSpool::remove_expired() try {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
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
  removed += remove_old_pull_task_rows(db_, options_.identity, cutoff);
  transaction.commit();
  return static_cast<std::size_t>(removed);
} catch (const SqliteError& error) {
  throw spool_error(error);
}

std::size_t SqliteSpool::pending_count(std::size_t* gating) try {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
  commit_queued_locked();
  Statement& count = statements_->count_pending;
  StatementUse use(count);
  count.bind_text(1, options_.identity).step();
  if (gating != nullptr) *gating = static_cast<std::size_t>(count.column_int64(1));
  return static_cast<std::size_t>(count.column_int64(0));
} catch (const SqliteError& error) {
  throw spool_error(error);
}

Statement& SqliteSpool::bind_slot(Statement& statement, const std::string& slot_key) {
  return statement.bind_text(1, options_.identity).bind_text(2, slot_key);
}

void SqliteSpool::save_pull_task(const std::string& key, const std::string& record) try {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
  save_pull_task_row(db_, options_.identity, key, record, clock_.wall_ns());
  measure_room();
} catch (const SqliteError& error) {
  throw spool_error(error);
}

void SqliteSpool::remove_pull_task(const std::string& key) try {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
  remove_pull_task_row(db_, options_.identity, key);
} catch (const SqliteError& error) {
  throw spool_error(error);
}

std::vector<std::string> SqliteSpool::adopt_pull_tasks() try {
  std::lock_guard<std::mutex> lock(db_mutex_);
  check_files_locked();
  // Read first without the write lock: the usual open finds nothing to adopt.
  if (orphan_pull_task_rows(db_, options_.identity).empty()) return {};
  ImmediateTransaction transaction(db_);
  const std::vector<PullTaskRow> rows = orphan_pull_task_rows(db_, options_.identity);
  own_pull_task_rows(db_, options_.identity, rows);
  transaction.commit();
  std::vector<std::string> records;
  for (const PullTaskRow& row : rows) records.push_back(row.record);
  return records;
} catch (const SqliteError& error) {
  throw spool_error(error);
}

}  // namespace cib
