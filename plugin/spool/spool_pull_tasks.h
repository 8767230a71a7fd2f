// The pull_tasks table (schema version 3): pull mode's scanner runs that have not ended, each
// with the process waiting for it. SqliteSpool calls these with its database mutex held.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sqlite/database.h"

namespace cib {

void save_pull_task_row(Database& db, const std::string& identity, const std::string& key,
                        const std::string& record, std::int64_t now_ns);
void remove_pull_task_row(Database& db, const std::string& identity, const std::string& key);

struct PullTaskRow {
  std::string key, record;
};

// The rows whose owner is gone, oldest first.
std::vector<PullTaskRow> orphan_pull_task_rows(Database& db, const std::string& identity);
// Makes `rows` this process's (inside the caller's transaction).
void own_pull_task_rows(Database& db, const std::string& identity,
                        const std::vector<PullTaskRow>& rows);
// Rows posted before `cutoff_ns` (spool.retain_days); returns how many were removed.
std::int64_t remove_old_pull_task_rows(Database& db, const std::string& identity,
                                       std::int64_t cutoff_ns);

}  // namespace cib
