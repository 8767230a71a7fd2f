#include "spool/spool_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <optional>

#include "file_modes.h"
#include "spool/spool_error.h"
#include "temp_dir.h"

namespace cib {

using test::group_of;
using test::mode_of;
using test::own_group;

namespace {

void touch(const std::string& path) {
  std::ofstream(path) << "x";
}

// Sets (or unsets) an environment variable for one test and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

bool machine_wide_dir_is_writable() {
  return ::access("/var/lib/cibatch", W_OK) == 0;
}

bool is_open_error(const SpoolError& e) {
  return e.kind() == SpoolError::Kind::open;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spool_files)

BOOST_AUTO_TEST_CASE(a_private_directory_and_its_parents_are_created_0700) {
  test::TempDir temp("cibatch-files");
  const std::string dir = temp.file("a/b/spool");
  const mode_t old_mask = ::umask(0077);  // a strict umask must not leave parents unusable
  BOOST_CHECK_NO_THROW(prepare_spool_directory(dir, ""));
  ::umask(old_mask);
  BOOST_TEST(mode_of(dir) == 0700u);
  BOOST_TEST((mode_of(temp.file("a")) & 0700) == 0700u);
}

BOOST_AUTO_TEST_CASE(an_existing_directory_keeps_its_mode) {
  test::TempDir temp("cibatch-files");
  for (const mode_t mode : {mode_t{01777}, mode_t{0755}, mode_t{0711}}) {
    const std::string dir = temp.file("existing-" + std::to_string(mode));
    BOOST_REQUIRE(::mkdir(dir.c_str(), 0700) == 0);
    BOOST_REQUIRE(::chmod(dir.c_str(), mode) == 0);
    BOOST_CHECK_NO_THROW(prepare_spool_directory(dir, ""));
    BOOST_TEST(mode_of(dir) == mode);
  }
}

BOOST_AUTO_TEST_CASE(an_existing_directory_every_user_may_write_without_sticky_bit_is_refused) {
  test::TempDir temp("cibatch-files");
  const std::string dir = temp.file("open");
  BOOST_REQUIRE(::mkdir(dir.c_str(), 0700) == 0);
  BOOST_REQUIRE(::chmod(dir.c_str(), 0777) == 0);
  try {
    prepare_spool_directory(dir, "");
    BOOST_FAIL("a directory every user may write to was accepted");
  } catch (const SpoolError& e) {
    BOOST_TEST(is_open_error(e));
    BOOST_TEST(std::string(e.what()).find(dir) != std::string::npos, e.what());
    BOOST_TEST(std::string(e.what()).find("sticky") != std::string::npos, e.what());
  }
  BOOST_TEST(mode_of(dir) == 0777u);
}

BOOST_AUTO_TEST_CASE(a_relative_spool_directory_leaves_the_working_directory_as_it_is) {
  test::TempDir temp("cibatch-files");
  BOOST_REQUIRE(::chmod(temp.path().c_str(), 0755) == 0);
  char old_cwd[4096];
  BOOST_REQUIRE(::getcwd(old_cwd, sizeof old_cwd) != nullptr);
  BOOST_REQUIRE(::chdir(temp.path().c_str()) == 0);
  BOOST_CHECK_NO_THROW(prepare_spool_directory(".", ""));
  BOOST_CHECK_NO_THROW(prepare_spool_directory("sub/spool", ""));
  BOOST_REQUIRE(::chdir(old_cwd) == 0);
  BOOST_TEST(mode_of(temp.path()) == 0755u);
  BOOST_TEST(mode_of(temp.file("sub/spool")) == 0700u);  // created here: cibatch's mode
}

BOOST_AUTO_TEST_CASE(a_spool_path_that_is_not_a_regular_file_is_refused_by_name) {
  test::TempDir temp("cibatch-files");
  for (const std::string& path : {std::string("/dev/null"), temp.path()}) {
    try {
      refuse_non_regular_spool_files(path);
      BOOST_FAIL(path << " was accepted");
    } catch (const SpoolError& e) {
      BOOST_TEST(is_open_error(e));
      BOOST_TEST(std::string(e.what()).find(path) != std::string::npos, e.what());
    }
  }
  const std::string file = temp.file("spool.db");
  touch(file);
  BOOST_CHECK_NO_THROW(refuse_non_regular_spool_files(file));
  BOOST_REQUIRE(::mkdir((file + "-shm").c_str(), 0700) == 0);  // a companion in the way
  BOOST_CHECK_EXCEPTION(refuse_non_regular_spool_files(file), SpoolError, is_open_error);
}

// File modes themselves: tests/unit/runtime/secure_files_test.cpp.
BOOST_AUTO_TEST_CASE(a_group_shares_the_directory_0770_and_the_file) {
  const std::optional<std::string> group = own_group();
  if (!group) {
    BOOST_TEST_MESSAGE("this process's group has no name; skipped");
    return;
  }
  test::TempDir temp("cibatch-files");
  const std::string dir = temp.file("shared");
  prepare_spool_directory(dir, *group);
  BOOST_TEST(mode_of(dir) == 0770u);
  BOOST_TEST(group_of(dir) == ::getegid());
  const std::string file = dir + "/spool.db";
  touch(file);
  secure_spool_file(file, *group);
  BOOST_TEST(mode_of(file) == 0660u);
  BOOST_TEST(group_of(file) == ::getegid());
}

BOOST_AUTO_TEST_CASE(an_unknown_group_is_refused_naming_the_path) {
  test::TempDir temp("cibatch-files");
  const std::string dir = temp.file("spool");
  try {
    prepare_spool_directory(dir, "no-such-group-cibatch-test");
    BOOST_FAIL("an unknown group was accepted");
  } catch (const SpoolError& e) {
    BOOST_TEST(is_open_error(e));
    BOOST_TEST(std::string(e.what()).find(dir) != std::string::npos);
    BOOST_TEST(std::string(e.what()).find("spool.group") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_local_directory_passes_the_filesystem_check_and_a_missing_one_is_named) {
  test::TempDir temp("cibatch-fs");
  BOOST_CHECK_NO_THROW(refuse_network_filesystem(temp.path()));
  const std::string missing = temp.file("not-there");
  try {
    refuse_network_filesystem(missing);
    BOOST_FAIL("statfs of a missing directory succeeded");
  } catch (const SpoolError& e) {
    BOOST_TEST(is_open_error(e));
    BOOST_TEST(std::string(e.what()).find(missing) != std::string::npos);
    BOOST_TEST(std::string(e.what()).find("spool.path") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_file_in_the_way_of_the_directory_is_refused) {
  test::TempDir temp("cibatch-files");
  touch(temp.file("blocker"));
  BOOST_CHECK_EXCEPTION(prepare_spool_directory(temp.file("blocker/spool"), ""), SpoolError,
                        is_open_error);
  BOOST_CHECK_EXCEPTION(secure_spool_file(temp.file("missing.db"), ""), SpoolError, is_open_error);
}

BOOST_AUTO_TEST_CASE(the_default_path_follows_xdg_state_home_then_home) {
  if (machine_wide_dir_is_writable()) {
    BOOST_TEST(default_spool_path().rfind("/var/lib/cibatch/", 0) == 0u);
    return;
  }
  {
    ScopedEnv state("XDG_STATE_HOME", "/x/state");
    BOOST_TEST(default_spool_path() == "/x/state/cibatch/spool.db");
  }
  ScopedEnv state("XDG_STATE_HOME", nullptr);
  ScopedEnv home("HOME", "/home/someone");
  BOOST_TEST(default_spool_path() == "/home/someone/.local/state/cibatch/spool.db");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
