#include "runtime/filesystem_check.h"

#include <sys/stat.h>
#include <sys/vfs.h>

#include <boost/test/unit_test.hpp>

#include "runtime/directory_setup.h"
#include "temp_dir.h"

namespace cib {

BOOST_AUTO_TEST_SUITE(filesystem_check)

BOOST_AUTO_TEST_CASE(local_filesystems_are_named_and_allowed) {
  const struct {
    unsigned long magic;
    const char* name;
  } local[] = {{0xEF53, "ext4"},      {0x58465342, "xfs"},       {0x9123683E, "btrfs"},
               {0x01021994, "tmpfs"}, {0x794C7630, "overlayfs"}, {0x2FC12FC1, "zfs"},
               {0xF2F52010, "f2fs"}};
  for (const auto& fs : local) {
    const FilesystemKind kind = classify_filesystem(fs.magic);
    BOOST_TEST(kind.name == fs.name);
    BOOST_TEST(!kind.network);
  }
}

BOOST_AUTO_TEST_CASE(network_filesystems_are_refused) {
  const struct {
    unsigned long magic;
    const char* name;
  } network[] = {{0x6969, "nfs"},        {0x517B, "smb"},      {0xFE534D42, "smb2"},
                 {0xFF534D42, "cifs"},   {0x65735546, "fuse"}, {0x01021997, "9p"},
                 {0x5346414F, "afs"},    {0x6B414653, "kafs"}, {0x00C36400, "ceph"},
                 {0x0BD00BD0, "lustre"}, {0x47504653, "gpfs"}, {0x73757245, "coda"},
                 {0x564C, "ncp"}};
  for (const auto& fs : network) {
    const FilesystemKind kind = classify_filesystem(fs.magic);
    BOOST_TEST(kind.name == fs.name);
    BOOST_TEST(kind.network, fs.name);
  }
}

BOOST_AUTO_TEST_CASE(a_sign_extended_magic_is_still_recognised) {
  const long cifs = static_cast<std::int32_t>(0xFF534D42U);  // as a 32-bit long would hold it
  const FilesystemKind kind = classify_filesystem(static_cast<unsigned long>(cifs));
  BOOST_TEST(kind.name == "cifs");
  BOOST_TEST(kind.network);
}

BOOST_AUTO_TEST_CASE(an_unknown_filesystem_is_named_by_its_number_and_allowed) {
  const FilesystemKind kind = classify_filesystem(0x1234ABCD);
  BOOST_TEST(kind.name == "0x1234abcd");
  BOOST_TEST(!kind.network);
}

BOOST_AUTO_TEST_CASE(a_local_temp_directory_passes) {
  test::TempDir dir("cibatch-fs");
  BOOST_TEST(!filesystem_of(dir.path(), "the spool").network);
}

BOOST_AUTO_TEST_CASE(dev_shm_passes_as_local_tmpfs) {
  struct statfs info {};
  if (::statfs("/dev/shm", &info) != 0) {
    BOOST_TEST_MESSAGE("no /dev/shm here");
    return;
  }
  BOOST_TEST(!classify_filesystem(static_cast<unsigned long>(info.f_type)).network);
  BOOST_TEST(!filesystem_of("/dev/shm", "the spool").network);
}

BOOST_AUTO_TEST_CASE(a_missing_directory_is_an_error_naming_it_and_the_file) {
  test::TempDir dir("cibatch-fs");
  const std::string missing = dir.file("not-there");
  try {
    filesystem_of(missing, "the spool");
    BOOST_FAIL("statfs of a missing directory succeeded");
  } catch (const DirectoryError& e) {
    BOOST_TEST((e.kind() == DirectoryError::Kind::failed));
    BOOST_TEST(
        std::string(e.what()).find(missing + ": cannot check the filesystem of the spool (") == 0u);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
