#include "runtime/directory_setup.h"

#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <string>

#include "file_modes.h"
#include "temp_dir.h"

namespace cib {

using test::mode_of;

BOOST_AUTO_TEST_SUITE(directory_setup)

BOOST_AUTO_TEST_CASE(only_directories_it_creates_get_a_mode) {
  test::TempDir temp("cibatch-dirs");
  BOOST_REQUIRE(::chmod(temp.path().c_str(), 01777) == 0);
  BOOST_TEST(prepare_directory(temp.file("a/b"), 0750, std::nullopt));
  BOOST_TEST(mode_of(temp.file("a/b")) == 0750u);
  BOOST_TEST(mode_of(temp.file("a")) == 0755u);
  BOOST_TEST(mode_of(temp.path()) == 01777u);
  BOOST_TEST(!prepare_directory(temp.file("a/b"), 0700, std::nullopt));
  BOOST_TEST(mode_of(temp.file("a/b")) == 0750u);
}

BOOST_AUTO_TEST_CASE(an_existing_directory_others_may_write_without_sticky_bit_is_refused) {
  test::TempDir temp("cibatch-dirs");
  BOOST_REQUIRE(::chmod(temp.path().c_str(), 0777) == 0);
  try {
    prepare_directory(temp.path(), 0700, std::nullopt);
    BOOST_FAIL("accepted");
  } catch (const DirectoryError& error) {
    BOOST_TEST((error.kind() == DirectoryError::Kind::unsafe));
    BOOST_TEST(std::string(error.what()).find(temp.path()) != std::string::npos);
  }
  BOOST_TEST(mode_of(temp.path()) == 0777u);
}

BOOST_AUTO_TEST_CASE(files_that_are_not_regular_are_refused_and_missing_ones_pass) {
  test::TempDir temp("cibatch-dirs");
  BOOST_CHECK_THROW(refuse_non_regular_file("/dev/null", "the spool"), DirectoryError);
  BOOST_CHECK_THROW(refuse_non_regular_file(temp.path(), "the spool"), DirectoryError);
  BOOST_CHECK_NO_THROW(refuse_non_regular_file(temp.file("missing"), "the spool"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
