// Who may use the SQLite files cibatch keeps: the one rule of the spool and the budget file.
#include "runtime/secure_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <optional>
#include <string>

#include "file_modes.h"
#include "runtime/directory_setup.h"
#include "temp_dir.h"

namespace cib {

using test::group_of;
using test::mode_of;
using test::own_group;

namespace {

void touch(const std::string& path, mode_t mode) {
  std::ofstream(path) << "x";
  BOOST_REQUIRE(::chmod(path.c_str(), mode) == 0);
}

FileSharing private_files() {
  return file_sharing("spool.group", "", "/unused");
}

// Whether securing `file`, which this process cannot change (immutable), is accepted.
std::optional<bool> accepted_unchangeable(const std::string& file, const FileSharing& sharing) {
  test::ImmutableFile immutable(file);
  if (!immutable.made()) return std::nullopt;
  try {
    secure_database_files(file, sharing);
    return true;
  } catch (const DirectoryError& error) {
    BOOST_TEST((error.kind() == DirectoryError::Kind::failed));
    BOOST_TEST(std::string(error.what()).find(file + ": cannot ") == 0u, error.what());
    return false;
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(secure_files)

BOOST_AUTO_TEST_CASE(a_file_and_its_companions_become_0600) {
  test::TempDir temp("cibatch-files");
  const std::string file = temp.file("spool.db");
  touch(file, 0644);
  touch(file + "-wal", 0666);
  secure_database_files(file, private_files());
  BOOST_TEST(mode_of(file) == 0600u);
  BOOST_TEST(mode_of(file + "-wal") == 0600u);
  BOOST_TEST(::access((file + "-shm").c_str(), F_OK) != 0);  // not created when absent
}

BOOST_AUTO_TEST_CASE(a_group_shares_files_0660) {
  const std::optional<std::string> group = own_group();
  if (!group) {
    BOOST_TEST_MESSAGE("this process's group has no name; skipped");
    return;
  }
  test::TempDir temp("cibatch-files");
  const std::string file = temp.file("budget.db");
  touch(file, 0600);
  touch(file + "-shm", 0644);
  const FileSharing sharing = file_sharing("budget.group", *group, file);
  BOOST_TEST((sharing.gid == ::getegid()));
  secure_database_files(file, sharing);
  BOOST_TEST(mode_of(file) == 0660u);
  BOOST_TEST(mode_of(file + "-shm") == 0660u);
  BOOST_TEST(group_of(file) == ::getegid());
}

// A file another user owns (here: one nobody may change) is accepted only when it already has
// exactly the mode asked for: a mode with more bits (group write of a private file, others'
// read) is refused, not taken as good enough.
BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_changed_must_have_exactly_the_mode) {
  test::TempDir temp("cibatch-files");
  const std::string file = temp.file("spool.db");
  for (const mode_t mode : {mode_t{0600}, mode_t{0640}, mode_t{0604}, mode_t{0700}}) {
    touch(file, mode);
    const std::optional<bool> accepted = accepted_unchangeable(file, private_files());
    if (!accepted) {
      BOOST_TEST_MESSAGE("skipped: cannot make a file immutable here (chattr +i)");
      return;
    }
    BOOST_TEST(*accepted == (mode == 0600), "mode " << std::oct << mode);
    BOOST_TEST(mode_of(file) == mode);
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_group_is_refused_naming_the_path_the_setting_and_the_group) {
  try {
    file_sharing("budget.group", "no-such-group-cibatch-test", "/srv/budget.db");
    BOOST_FAIL("an unknown group was accepted");
  } catch (const DirectoryError& error) {
    BOOST_TEST((error.kind() == DirectoryError::Kind::unknown_group));
    BOOST_TEST(std::string(error.what()) ==
               "/srv/budget.db: budget.group 'no-such-group-cibatch-test' is no group of this "
               "machine: set budget.group to an existing group (getent group) or leave it empty");
  }
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_an_error_naming_it) {
  test::TempDir temp("cibatch-files");
  const std::string missing = temp.file("missing.db");
  try {
    secure_database_files(missing, private_files());
    BOOST_FAIL("a missing file was secured");
  } catch (const DirectoryError& error) {
    BOOST_TEST((error.kind() == DirectoryError::Kind::failed));
    BOOST_TEST(std::string(error.what()).find(missing + ": cannot set its permissions (") == 0u);
  }
}

BOOST_AUTO_TEST_CASE(an_immutable_file_is_named_as_such_and_others_are_not) {
  test::TempDir temp("cibatch-files");
  const std::string file = temp.file("spool.db-shm");
  touch(file, 0600);
  BOOST_TEST(unmodifiable_attribute(file.c_str()) == nullptr);
  BOOST_TEST(unmodifiable_attribute(temp.file("missing").c_str()) == nullptr);
  test::ImmutableFile immutable(file);
  if (!immutable.made()) {
    BOOST_TEST_MESSAGE("skipped: cannot make a file immutable here (chattr +i)");
    return;
  }
  BOOST_TEST(std::string(unmodifiable_attribute(file.c_str())) == "immutable (chattr +i)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
