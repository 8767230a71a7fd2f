// Where the spool lives and who may read it. It holds build content (never secrets), so it is
// private to its user unless spool.group shares it.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

#include "spool/spool_error.h"

namespace cib {

// The default spool file: /var/lib/cibatch/<user>/spool.db when /var/lib/cibatch is writable,
// else $XDG_STATE_HOME/cibatch/spool.db, else ~/.local/state/cibatch/spool.db.
std::string default_spool_path();

// Creates the spool's directory and its missing parents (the last one 0700, or 0770 owned by
// `group` when not empty). An existing directory is never changed: it is refused when every
// user may write to it without the sticky bit. Throws SpoolError(open) naming the directory
// when it cannot be used, and for an unknown group.
void prepare_spool_directory(const std::string& dir, const std::string& group);

// statfs() of `dir`. Throws SpoolError(open) when it fails and SpoolError(network_fs) for a
// network filesystem: the message names the path, the filesystem and the fix (a local
// spool.path such as /var/lib/cibatch or $XDG_STATE_HOME/cibatch).
void refuse_network_filesystem(const std::string& dir);

// Refuses the spool's directory when nothing can be created in it, root included: immutable
// (chattr +i), or on a read-only filesystem, where SQLite would only say that it
// is "unable to open database file". Throws SpoolError(read_only) naming the directory.
void refuse_unwritable_spool_directory(const std::string& dir);

// Refuses the spool file, and its -wal, -shm and -journal companions, when one exists and is not
// a regular file (/dev/null, a directory, a FIFO), before SQLite opens or creates anything next
// to it. Throws SpoolError(open) naming the file.
void refuse_non_regular_spool_files(const std::string& file);

// Refuses the spool when the file or its -wal or -shm file is immutable or append-only
// (chattr +i/+a). SQLite maps the -shm file into memory, and a write to the mapping of an
// immutable file ends the process with SIGBUS, so the spool checks this at open and before
// each use of the file. Throws SpoolError(read_only) naming the file.
void refuse_unmodifiable_spool_files(const std::string& file);

// Which file `file` names (device and inode), to notice it removed or replaced by another
// file while the spool holds it open; nullopt when it cannot be read.
struct SpoolFileId {
  dev_t device = 0;
  ino_t inode = 0;
  bool operator==(const SpoolFileId& other) const {
    return device == other.device && inode == other.inode;
  }
};
std::optional<SpoolFileId> spool_file_id(const std::string& file) noexcept;

// The refusal of a post when the spool file was removed or replaced since the client opened it.
SpoolError replaced_spool_error(const std::string& file);

// Creates the spool file, empty, with its final mode and group (0600, or 0660 and `group`) when
// it does not exist, before SQLite opens it. Throws SpoolError(open) naming the file.
void create_spool_file(const std::string& file, const std::string& group);

// Sets `file` (and its -wal/-shm companions when present) to 0600, or 0660 with `group`.
void secure_spool_file(const std::string& file, const std::string& group);

}  // namespace cib
