#include "spool/spool_pull_tasks.h"

#include "spool/process_owner.h"

namespace cib {

void save_pull_task_row(Database& db, const std::string& identity, const std::string& key,
                        const std::string& record, std::int64_t now_ns) {
  const ProcessOwner me = current_process_owner();
  db.prepare(
        "INSERT OR REPLACE INTO pull_tasks(identity, task_key, record, owner_boot, owner_pid, "
        "owner_start, posted_ns) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind_text(1, identity)
      .bind_text(2, key)
      .bind_text(3, record)
      .bind_text(4, me.boot_id)
      .bind_int64(5, me.pid)
      .bind_int64(6, me.start_time)
      .bind_int64(7, now_ns)
      .run();
}

void remove_pull_task_row(Database& db, const std::string& identity, const std::string& key) {
  db.prepare("DELETE FROM pull_tasks WHERE identity = ?1 AND task_key = ?2")
      .bind_text(1, identity)
      .bind_text(2, key)
      .run();
}

std::vector<PullTaskRow> orphan_pull_task_rows(Database& db, const std::string& identity) {
  std::vector<PullTaskRow> gone;
  Statement select = db.prepare(
      "SELECT task_key, record, owner_boot, owner_pid, owner_start FROM pull_tasks "
      "WHERE identity = ?1 ORDER BY posted_ns, task_key");
  select.bind_text(1, identity);
  while (select.step()) {
    const ProcessOwner owner{select.column_text(2), select.column_int64(3), select.column_int64(4)};
    if (owner_is_gone(owner)) gone.push_back({select.column_text(0), select.column_text(1)});
  }
  return gone;
}

void own_pull_task_rows(Database& db, const std::string& identity,
                        const std::vector<PullTaskRow>& rows) {
  const ProcessOwner me = current_process_owner();
  for (const PullTaskRow& row : rows) {
    db.prepare(
          "UPDATE pull_tasks SET owner_boot = ?3, owner_pid = ?4, owner_start = ?5 "
          "WHERE identity = ?1 AND task_key = ?2")
        .bind_text(1, identity)
        .bind_text(2, row.key)
        .bind_text(3, me.boot_id)
        .bind_int64(4, me.pid)
        .bind_int64(5, me.start_time)
        .run();
  }
}

std::int64_t remove_old_pull_task_rows(Database& db, const std::string& identity,
                                       std::int64_t cutoff_ns) {
  Statement remove = db.prepare("DELETE FROM pull_tasks WHERE identity = ?1 AND posted_ns < ?2");
  remove.bind_text(1, identity).bind_int64(2, cutoff_ns).run();
  return remove.changes();
}

}  // namespace cib
