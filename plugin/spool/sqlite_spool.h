// The Spool in one SQLite file (WAL) shared by the processes of a user on this machine. One
// connection per object, guarded by its own mutex (the connection is opened NOMUTEX); journal
// writes go through a JournalQueue for group commit. Only rows of SpoolOptions::identity are
// read or written.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "spool/journal_queue.h"
#include "spool/spool.h"
#include "spool/spool_files.h"
#include "spool/spool_room.h"
#include "sqlite/database.h"

namespace cib {

struct SpoolStatements;

class SqliteSpool final : public Spool {
 public:
  // See Spool::open. `clock` must outlive the object.
  SqliteSpool(const SpoolOptions& options, const Clock& clock);
  ~SqliteSpool() override;

  void journal(const SlotId& id, const Content& content, const OrderKey& order, bool gating,
               bool durable_now) override;
  std::vector<SpooledSlot> pending(std::int64_t changed_since_ns) override;
  void for_each_known(std::int64_t since_wall_ns,
                      const std::function<void(const SlotId&, const std::optional<DeliveredRecord>&,
                                               const std::optional<RemoteState>&)>& visit) override;
  Claim known(const SlotId& id) override;
  Claim claim(const SlotId& id) override;
  bool renew(const SlotId& id, std::uint64_t token) override;
  bool newer_content_waits(const SlotId& id, const OrderKey& order) override;
  bool save_remote(const SlotId& id, std::uint64_t token, const RemoteState& remote) override;
  bool complete(const SlotId& id, std::uint64_t token, const OrderKey& order,
                const Content& content, bool delivered, const RemoteState& remote,
                std::int64_t wall_ns) override;
  void release(const SlotId& id, std::uint64_t token, const RemoteState& remote) override;
  std::size_t remove_expired() override;
  std::size_t pending_count(std::size_t* gating) override;
  const std::string& path() const override { return options_.path; }
  void save_pull_task(const std::string& key, const std::string& record) override;
  void remove_pull_task(const std::string& key) override;
  std::vector<std::string> adopt_pull_tasks() override;

 private:
  void check_files_locked();
  void measure_room() noexcept;
  void reclaim_after(const SqliteError& error) noexcept;
  void commit_queued_locked() noexcept;
  void write_batch(const JournalBatch& batch, bool durable);
  void write_entries(const JournalBatch& batch, bool durable);
  void merge_queued(const SlotId& id, Claim& claim);
  bool complete_locked(const SlotId& id, std::uint64_t token, const OrderKey& order,
                       const Content& content, bool delivered, const RemoteState& remote,
                       std::int64_t wall_ns);
  bool take_lease(const std::string& slot_key, std::int64_t now, Claim& claim);
  bool extend_lease(const std::string& slot_key, std::uint64_t token, std::int64_t now);
  bool release_lease(const std::string& slot_key, std::uint64_t token);
  bool settle(const SlotId& id, const std::string& slot_key, const OrderKey& order,
              const Content& content, std::int64_t now);
  void save_delivered(const std::string& slot_key, const OrderKey& order, const Content& content,
                      std::int64_t wall_ns);
  bool slot_pending(const std::string& slot_key);
  void read_known(const SlotId& id, const std::string& slot_key, Claim& claim);
  void save_remote_row(const std::string& slot_key, const RemoteState& remote, std::int64_t now);
  Statement& bind_slot(Statement& statement, const std::string& slot_key);
  bool durable_by_default() const { return options_.sync == SyncMode::always; }

  SpoolOptions options_;
  const Clock& clock_;
  std::mutex db_mutex_;  // guards db_ and statements_
  Database db_;
  std::unique_ptr<SpoolStatements> statements_;
  std::mutex room_mutex_;  // guards room_, read by journal() without the database mutex
  SpoolRoom room_;
  std::optional<std::string> abandoned_;  // why the connection is no longer used; db_mutex_
  std::optional<SpoolFileId> file_id_;    // the file opened, set once in the constructor
  std::atomic<bool> replaced_{false};     // another file (or none) stands at the path now
  JournalQueue queue_;  // last: stopped (and its final commit written) before the rest goes
};

}  // namespace cib
