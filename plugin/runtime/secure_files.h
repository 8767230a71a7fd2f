// Who may use the SQLite files cibatch keeps (the spool, the budget file): their owner only, or
// the members of a group named by a setting (spool.group, budget.group). Modes are set with
// chmod() after creation because the umask may have removed the group bits a group needs.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace cib {

// Who may use a file, as a setting asked for it.
struct FileSharing {
  std::string setting;       // "spool.group": the setting that names the group, for messages
  std::string group;         // "": private to the owner
  std::optional<gid_t> gid;  // the group's id when shared
};

// Looks up `group`, the value of `setting`, for the files at `path`. Throws
// DirectoryError(unknown_group) naming the path, the setting and the group when this machine has
// no such group.
FileSharing file_sharing(const std::string& setting, const std::string& group,
                         const std::string& path);

// Gives the database `file`, and its -wal and -shm files when present, mode 0600, or 0660 and the
// group when shared. A file that another member of the group owns, so that this user cannot
// change it, is accepted when it already has exactly that group and that mode (every other bit
// clear). Throws DirectoryError(failed) naming the file and the cause.
void secure_database_files(const std::string& file, const FileSharing& sharing);

// Creates `file` empty (an empty SQLite database) with its final mode and group when it does
// not exist, so that it appears at once as secure_database_files() leaves it: another member of
// the group never finds it without the group's write permission (SQLite would then open it
// read-only). Made under a temporary name and linked into place; a file that appeared meanwhile
// is kept. When shared, its -wal and -shm files are made the same way, for the same reason (the
// connections then keep them: Database::keep_wal_files). Throws DirectoryError(failed) naming
// the file and the cause.
void create_database_file(const std::string& file, const FileSharing& sharing);

// "immutable (chattr +i)" or "append-only (chattr +a)" when `path` exists with that attribute,
// else null (also when it cannot be read). Allocates nothing: the guarded VFS asks before
// SQLite's writes.
const char* unmodifiable_attribute(const char* path) noexcept;

}  // namespace cib
