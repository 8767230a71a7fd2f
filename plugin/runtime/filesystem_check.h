// SQLite's WAL needs shared memory and POSIX locks that network filesystems do not keep, so the
// spool and the budget file refuse them at open (docs/ARCHITECTURE.md §4).
#pragma once

#include <string>

namespace cib {

struct FilesystemKind {
  std::string name;      // "ext4", "tmpfs", "nfs", "cifs", "fuse", ... or "0x1234abcd"
  bool network = false;  // NFS, SMB/CIFS/SMB2, FUSE, 9p, AFS, Ceph, GlusterFS, Lustre, ...
};

// Pure: the kind of filesystem with statfs() magic number `f_type`.
FilesystemKind classify_filesystem(unsigned long f_type);

// statfs() of `dir`. Throws DirectoryError(failed): "DIR: cannot check the filesystem of WHAT
// (ERRNO TEXT)"; `what` names the file that would live there ("the spool").
FilesystemKind filesystem_of(const std::string& dir, const std::string& what);

}  // namespace cib
