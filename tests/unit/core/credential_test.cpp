#include "core/credential.h"

#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "temp_dir.h"

namespace cib {
namespace {

Settings bearer(const std::string& token) {
  Settings s;
  s.api_url = "https://api.bitbucket.org/2.0";
  s.auth_type = AuthType::bearer;
  s.auth_token = token;
  return s;
}

// Bearer settings whose token "first-secret" is read from the file `token` in dir.
Settings bearer_from_file(const test::TempDir& dir) {
  std::ofstream(dir.file("token")) << "first-secret\n";
  Settings s = bearer("first-secret");
  s.auth_token_file = dir.file("token");
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(credential)

BOOST_AUTO_TEST_CASE(a_rotated_token_file_keeps_its_identity_and_is_read_again) {
  test::TempDir dir;
  Credential credential(bearer_from_file(dir));
  const std::string identity = credential.identity();
  BOOST_TEST(credential.header() == "Bearer first-secret");
  BOOST_TEST(!credential.reload());  // the same token: nothing new to try
  std::ofstream(dir.file("token"), std::ios::trunc) << "  second-secret \n";
  BOOST_TEST(credential.reload());
  BOOST_TEST(credential.header() == "Bearer second-secret");
  BOOST_TEST(credential.identity() == identity);
  BOOST_TEST(identity.find("secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_token_file_turned_into_several_lines_or_a_fifo_is_not_taken) {
  test::TempDir dir;
  Credential credential(bearer_from_file(dir));
  std::ofstream(dir.file("token"), std::ios::trunc) << "second\r\nX-Injected: 1\n";
  BOOST_TEST(!credential.reload());
  std::filesystem::remove(dir.file("token"));
  BOOST_TEST_REQUIRE(::mkfifo(dir.file("token").c_str(), 0600) == 0);
  BOOST_TEST(!credential.reload());  // at once: no writer is waited for
  BOOST_TEST(credential.header() == "Bearer first-secret");
}

BOOST_AUTO_TEST_CASE(a_token_file_swapped_for_a_link_out_of_its_folder_is_not_taken) {
  test::TempDir tokens;
  test::TempDir elsewhere;
  std::ofstream(elsewhere.file("other")) << "outside-secret\n";
  Settings s = bearer_from_file(tokens);
  s.auth_token_dirs = {tokens.path()};
  Credential credential(s);
  std::filesystem::remove(tokens.file("token"));
  std::filesystem::create_symlink(elsewhere.file("other"), tokens.file("token"));
  BOOST_TEST(!credential.reload());
  BOOST_TEST(credential.header() == "Bearer first-secret");
}

BOOST_AUTO_TEST_CASE(a_token_named_by_a_variable_is_read_again_from_the_environment) {
  ::setenv("CIB_TEST_ROTATED_TOKEN", "env-one", 1);
  Settings s = bearer("env-one");
  s.auth_token_env = "CIB_TEST_ROTATED_TOKEN";
  Credential credential(s);
  ::setenv("CIB_TEST_ROTATED_TOKEN", "env-two", 1);
  BOOST_TEST(credential.reload());
  BOOST_TEST(credential.header() == "Bearer env-two");
  ::unsetenv("CIB_TEST_ROTATED_TOKEN");
  BOOST_TEST(!credential.reload());  // gone: keep the last one
  BOOST_TEST(credential.header() == "Bearer env-two");
}

BOOST_AUTO_TEST_CASE(the_identity_names_the_account_not_the_secret) {
  const Settings a = bearer("token-a");
  Settings other_host = a;
  other_host.api_url = "https://bitbucket.example.com/rest/api/1.0";
  Settings basic = a;
  basic.auth_type = AuthType::basic;
  basic.auth_user = "ci-bot";
  basic.auth_password = "pw-1";
  Settings basic_rotated = basic;
  basic_rotated.auth_password = "pw-2";
  BOOST_TEST(account_identity(a) != account_identity(bearer("token-b")));
  BOOST_TEST(account_identity(a) != account_identity(other_host));
  BOOST_TEST(account_identity(basic) == account_identity(basic_rotated));
  BOOST_TEST(account_identity(a).size() == 32u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
