// Where the machine-wide budget file lives and who may use it. Every process and user of the
// machine that spends the same account's requests must open the same file, so with
// budget.group it is shared by that group; without one it is private to its owner.
#pragma once

#include <string>

namespace cib {

// /var/lib/cibatch/budget.db when /var/lib/cibatch exists (or can be created) and is writable,
// else /var/tmp/cibatch/budget.db.
std::string default_budget_path();

// Makes `path` ready for SQLite before it is opened: creates its directory (and missing
// parents) on a local filesystem, and the file itself when absent, with its access set by
// secure_budget_file() (the caller secures an existing file once SQLite accepted it). A
// directory this call creates is 0700, or 02770 owned by `group` (set-group-id, so the -wal and
// -shm files SQLite creates later belong to the group too); an existing directory is never
// changed (it may hold other users' spools, or be /var/tmp), and is refused when every user may
// write to it without the sticky bit. An existing file that is not a regular file, or not a
// SQLite database, is refused untouched.
// Throws BudgetError naming the path and the fix: config for an unknown group, a network
// filesystem or a file of another kind; unavailable when a directory or file cannot be made.
void prepare_budget_file(const std::string& path, const std::string& group);

// Sets `path` and its -wal/-shm companions (when present) to 0600, or 0660 owned by `group`.
// A file another member of the group owns is accepted when it already has that access.
void secure_budget_file(const std::string& path, const std::string& group);

}  // namespace cib
