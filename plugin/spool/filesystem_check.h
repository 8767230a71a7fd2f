// SQLite's WAL needs shared memory and POSIX locks that network filesystems do not keep, so the
// spool refuses them at open (docs/ARCHITECTURE.md §4).
#pragma once

#include <string>

namespace cib {

struct FilesystemKind {
  std::string name;      // "ext4", "tmpfs", "nfs", "cifs", "fuse", ... or "0x1234abcd"
  bool network = false;  // NFS, SMB/CIFS/SMB2, FUSE, 9p, AFS, Ceph, GlusterFS, Lustre, ...
};

// Pure: the kind of filesystem with statfs() magic number `f_type`.
FilesystemKind classify_filesystem(unsigned long f_type);

// statfs() of `dir`. Throws SpoolError(open) when it fails and SpoolError(network_fs) for a
// network filesystem: the message names the path, the filesystem and the fix (a local
// spool.path such as /var/lib/cibatch or $XDG_STATE_HOME/cibatch).
void refuse_network_filesystem(const std::string& dir);

}  // namespace cib
