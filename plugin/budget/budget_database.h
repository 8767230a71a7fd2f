// The budget file as a SQLite database: opening it (checks, schema, WAL) and saying what went
// wrong in the budget's words. Built on sqlite/database.h; its SqliteErrors never leave here or
// SqliteBudgetStore, they become BudgetErrors naming budget.path.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "budget/budget_error.h"
#include "sqlite/database.h"
#include "sqlite/sqlite_error.h"

namespace cib {

// The newest schema this library writes (PRAGMA user_version). Within major 1 migrations only
// add.
constexpr int kBudgetSchemaVersion = 1;

// The BudgetError for `error`, raised by sqlite/database.h while `doing` something with the
// budget file: keeps SQLite's own sentence and gives the budget's fix. busy_timeout_ms is named
// when the file stayed locked.
BudgetError budget_error(const SqliteError& error, const std::string& doing,
                         std::int64_t busy_timeout_ms);

// Prepares (prepare_budget_file), opens and, when needed, creates the budget file's tables,
// then switches it to WAL mode. The caller serialises every use of the connection (it is
// opened without SQLite's own mutex). Throws BudgetError: damaged for a file that is not a
// cibatch budget file, config for one of a newer schema (both left as they were),
// unavailable when it cannot be opened in time.
std::unique_ptr<Database> open_budget_database(const std::string& path, const std::string& group,
                                               std::int64_t busy_timeout_ms);

}  // namespace cib
