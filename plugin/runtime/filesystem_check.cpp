// statfs() magic numbers (linux/magic.h, statfs(2)). Network and cluster filesystems do not
// keep the shared memory and POSIX locks of SQLite's WAL consistent across machines, so they
// are refused; an unknown filesystem is allowed (named by its number) rather than guessed at.
#include "runtime/filesystem_check.h"

#include <sys/vfs.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "runtime/directory_setup.h"

namespace cib {

namespace {

struct KnownFilesystem {
  unsigned long magic;
  const char* name;
  bool network;
};

constexpr KnownFilesystem kKnown[] = {
    // Local disks and memory.
    {0xEF53, "ext4", false},  // also ext2 and ext3
    {0x58465342, "xfs", false},
    {0x9123683E, "btrfs", false},
    {0x01021994, "tmpfs", false},
    {0x858458F6, "ramfs", false},
    {0x794C7630, "overlayfs", false},
    {0x2FC12FC1, "zfs", false},
    {0xF2F52010, "f2fs", false},
    {0xCA451A4E, "bcachefs", false},
    {0x3153464A, "jfs", false},
    {0x52654973, "reiserfs", false},
    {0x3434, "nilfs2", false},
    {0x4D44, "vfat", false},
    {0x2011BAB0, "exfat", false},
    {0x5346544E, "ntfs", false},
    {0x7366746E, "ntfs3", false},
    {0x482B, "hfsplus", false},
    {0x24051905, "ubifs", false},
    {0x73717368, "squashfs", false},
    {0xF15F, "ecryptfs", false},
    {0x61756673, "aufs", false},
    // Network and cluster filesystems.
    {0x6969, "nfs", true},
    {0x517B, "smb", true},
    {0xFE534D42, "smb2", true},
    {0xFF534D42, "cifs", true},
    {0x65735546, "fuse", true},  // also GlusterFS, sshfs, virtiofs
    {0x01021997, "9p", true},
    {0x5346414F, "afs", true},
    {0x6B414653, "kafs", true},
    {0x00C36400, "ceph", true},
    {0x0BD00BD0, "lustre", true},
    {0x47504653, "gpfs", true},
    {0x73757245, "coda", true},
    {0x564C, "ncp", true},
    {0x7461636F, "ocfs2", true},
    {0x01161970, "gfs2", true},
    {0x786F4256, "vboxsf", true},
};

}  // namespace

FilesystemKind classify_filesystem(unsigned long f_type) {
  // f_type is a signed long in struct statfs: a magic with the top bit set may arrive
  // sign-extended, and every magic fits in 32 bits.
  const unsigned long magic = f_type & 0xFFFFFFFFUL;
  for (const KnownFilesystem& known : kKnown) {
    if (known.magic == magic) return FilesystemKind{known.name, known.network};
  }
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%lx", magic);
  return FilesystemKind{hex, false};
}

FilesystemKind filesystem_of(const std::string& dir, const std::string& what) {
  struct statfs info {};
  if (::statfs(dir.c_str(), &info) != 0) {
    const int error = errno;
    throw DirectoryError(
        DirectoryError::Kind::failed,
        dir + ": cannot check the filesystem of " + what + " (" + std::strerror(error) + ")");
  }
  return classify_filesystem(static_cast<unsigned long>(info.f_type));
}

}  // namespace cib
