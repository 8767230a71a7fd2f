// A SQLite VFS that wraps the platform's own and refuses, with an I/O error, the
// writes after which SQLite would write its mapping of the -shm file once that file became
// immutable or append-only (chattr +i/+a): writing that mapping ends the process with SIGBUS.
// It checks right before each WAL write and sync and each exclusive lock of the shared memory,
// so only the microseconds between such a check and SQLite's next store remain open.
#pragma once

namespace cib {

// The name to pass to sqlite3_open_v2; registers the VFS on first use (thread-safe, once).
const char* guarded_vfs_name();

// True when the file `shm_path` exists and is immutable or append-only.
bool shm_is_unmodifiable(const char* shm_path);

}  // namespace cib
