// host.auth.token_file against a pipeline that names a file it should not: outside
// host.auth.token_dirs (directly, through "..", through a symlink), a FIFO, a device, a folder
// or a huge file. None hangs, none is read, no message quotes a byte of the file.
#include "config/token_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <string>

#include "config/config_store.h"
#include "config_test_support.h"

namespace cib {
namespace {

using test::config_error;
using Code = ConfigError::Code;

constexpr const char* kSecretText = "outside-secret-7f3a9c";

// An administrator's file that allows token files in `allowed` only, in force for the test.
struct AllowedDirs : test::AdminFile {
  explicit AllowedDirs(const std::string& allowed)
      : AdminFile("cibatch:\n  host:\n    auth:\n      token_dirs: [" + allowed + "]\n") {}
};

// A pipeline over the administrator's file in force whose token file is `path`.
ConfigStore pipeline_with_token_file(const std::string& path) {
  ConfigStore store;
  store.load_admin_layer();
  store.set("host.kind", "bitbucket-cloud");
  store.set("host.api_url", "https://api.bitbucket.org/2.0");
  store.set("host.auth.token_file", path);
  return store;
}

// The message settings() throws for a pipeline whose token file is `path`.
std::string token_file_error(const std::string& path) {
  const ConfigStore store = pipeline_with_token_file(path);
  const std::string message = config_error([&] { store.settings(); }, Code::invalid_value);
  BOOST_TEST(message.find(kSecretText) == std::string::npos, message);
  return message;
}

std::string token_read_from(const std::string& path) {
  return pipeline_with_token_file(path).settings().auth_token;
}

BOOST_AUTO_TEST_SUITE(token_file_rules)

BOOST_AUTO_TEST_CASE(a_file_in_an_allowed_folder_is_read) {
  const test::TempDir tokens;
  const AllowedDirs allowed(tokens.path(""));
  BOOST_TEST(token_read_from(tokens.write("token", " inside-token \n")) == "inside-token");
  // A symlink to it from elsewhere is judged by where it leads.
  const test::TempDir elsewhere;
  std::filesystem::create_symlink(tokens.path("token"), elsewhere.path("link"));
  BOOST_TEST(token_read_from(elsewhere.path("link")) == "inside-token");
}

BOOST_AUTO_TEST_CASE(a_file_outside_the_allowed_folders_is_not_read) {
  const test::TempDir tokens;
  const test::TempDir other;
  const AllowedDirs allowed(tokens.path("") + ", /nonexistent/tokens");
  const std::string outside = other.write("secret", kSecretText);
  BOOST_TEST(token_file_error(outside).find("is outside the folders host.auth.token_dirs allows") !=
             std::string::npos);
  // "..", and a symlink inside the folder leading out of it.
  token_file_error(tokens.path("../") +
                   std::filesystem::path(other.path("")).parent_path().filename().string() +
                   "/secret");
  std::filesystem::create_symlink(outside, tokens.path("link"));
  token_file_error(tokens.path("link"));
  // A sibling folder whose name starts like the allowed one.
  const std::string sibling = tokens.path("").substr(0, tokens.path("").size() - 1) + "-evil";
  std::filesystem::create_directory(sibling);
  std::ofstream(sibling + "/token") << kSecretText;
  token_file_error(sibling + "/token");
  std::filesystem::remove_all(sibling);
}

BOOST_AUTO_TEST_CASE(a_fifo_a_device_and_a_folder_are_refused_without_waiting) {
  const test::TempDir dir;
  const std::string fifo = dir.path("fifo");
  BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  BOOST_TEST(token_file_error(fifo).find("is not a regular file") != std::string::npos);
  BOOST_TEST(token_file_error("/dev/zero").find("is not a regular file") != std::string::npos);
  std::filesystem::create_directory(dir.path("sub"));
  BOOST_TEST(token_file_error(dir.path("sub")).find("is not a regular file") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_ca_file_that_is_a_fifo_or_a_device_is_refused_without_waiting) {
  const test::TempDir dir;
  const std::string fifo = dir.path("ca.pem");
  BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  for (const std::string& path : {fifo, std::string("/dev/zero")}) {
    ConfigStore store = test::minimal_store();
    store.set("tls.ca_file", path);
    BOOST_TEST(config_error([&] { store.settings(); }, Code::invalid_value) ==
               "cib_config_set: tls.ca_file: \"" + path + "\" is not a regular file");
  }
}

BOOST_AUTO_TEST_CASE(a_file_over_the_size_cap_is_refused) {
  const test::TempDir dir;
  const std::string big = dir.write("big", std::string(kTokenFileMaxBytes + 1, 'x'));
  BOOST_TEST(token_file_error(big).find("is larger than 16 KiB") != std::string::npos);
  const std::string fits = dir.write("fits", std::string(kTokenFileMaxBytes, 'y'));
  BOOST_TEST(token_read_from(fits).size() == kTokenFileMaxBytes);
}

BOOST_AUTO_TEST_CASE(only_the_administrator_may_name_the_folders) {
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.set("host.auth.token_dirs", "/"); }, Code::locked) ==
             "cib_config_set: host.auth.token_dirs may be set only in the administrator's file");
  config_error([&] { store.load_yaml("cibatch:\n  host:\n    auth:\n      token_dirs: [/]\n"); },
               Code::locked);
  const test::TempDir tokens;
  const AllowedDirs allowed(tokens.path(""));
  ConfigStore locked;
  locked.load_admin_layer();
  config_error([&] { locked.set("host.auth.token_dirs", "/"); }, Code::locked);
}

BOOST_AUTO_TEST_CASE(folders_must_be_absolute) {
  const test::TempDir admin;
  const test::ScopedEnv env(
      "CIBATCH_ADMIN_CONFIG",
      admin.write("a.yml", "cibatch:\n  host: {auth: {token_dirs: [run]}}\n"));
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.load_admin_layer(); }, Code::invalid_value)
                 .find("expected absolute folders") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(segment_boundaries_decide_what_is_under_a_folder) {
  BOOST_TEST(path_is_under("/run/secrets/token", "/run/secrets"));
  BOOST_TEST(path_is_under("/run/secrets/token", "/run/secrets/"));
  BOOST_TEST(path_is_under("/run/secrets", "/run/secrets"));
  BOOST_TEST(!path_is_under("/run/secrets-evil/token", "/run/secrets"));
  BOOST_TEST(!path_is_under("/run/secret", "/run/secrets"));
  BOOST_TEST(path_is_under("/etc/passwd", "/"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
