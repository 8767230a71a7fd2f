// A SQLite VFS for tests that wraps the default one and fails, on a schedule, the reads,
// writes and syncs of the files whose name holds a given text, as a failing disk would
// (SQLITE_IOERR_READ, _WRITE, _FSYNC). Installed as the default VFS before the library opens
// its first file, so the library's own VFS (plugin/sqlite/guarded_vfs) wraps this one; the
// library links the same shared libsqlite3, so the registration reaches it.
#pragma once

#include <string>

namespace cib::test {

struct FaultPlan {
  std::string file_part;  // only files whose path holds this text
  bool reads = false;
  bool writes = false;
  bool syncs = false;
  int skip = 0;  // calls that pass before the first failure
};

// Registers the shim as the default VFS, once; true when it is in place (before any other
// default was captured by the library).
bool install_fault_vfs();

// From now on, the calls the plan names fail (after `skip` of them passed), until disarmed.
void arm_faults(const FaultPlan& plan);
void disarm_faults();

// How many calls failed since the last arm_faults().
int faults_injected();

}  // namespace cib::test
