// The agent's socket file: its modes and group, a live agent or a foreign file at its path left
// alone, a stale socket replaced, and the file gone once the server stops.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <fstream>

#include "file_modes.h"
#include "line_client.h"
#include "line_server.h"
#include "server_fixture.h"

namespace cib::agent::test {
namespace {

bool is_socket(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 && S_ISSOCK(info.st_mode);
}

std::string start_error(const LineServerOptions& options) {
  LineServer server(options, admit_all(), echo(), too_large_line);
  try {
    server.start();
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(socket_file)

BOOST_AUTO_TEST_CASE(the_socket_is_0600_in_a_folder_made_0700) {
  SocketFolder folder;
  LineServer server(folder.options(), admit_all(), echo(), too_large_line);
  server.start();
  BOOST_TEST(is_socket(folder.socket));
  BOOST_TEST(cib::test::mode_of(folder.socket) == 0600u);
  BOOST_TEST(cib::test::mode_of(folder.dir.file("run")) == 0700u);
}

BOOST_AUTO_TEST_CASE(with_a_group_the_socket_is_0660_in_a_folder_made_0770_of_that_group) {
  const auto group = cib::test::own_group();
  BOOST_REQUIRE(group);
  SocketFolder folder;
  LineServerOptions options = folder.options();
  options.group = *group;
  LineServer server(options, admit_all(), echo(), too_large_line);
  server.start();
  BOOST_TEST(cib::test::mode_of(folder.socket) == 0660u);
  BOOST_TEST(cib::test::mode_of(folder.dir.file("run")) == 0770u);
  BOOST_TEST(cib::test::group_of(folder.socket) == ::getegid());
  BOOST_TEST(cib::test::group_of(folder.dir.file("run")) == ::getegid());
}

BOOST_AUTO_TEST_CASE(an_unknown_group_is_an_error_naming_the_path) {
  SocketFolder folder;
  LineServerOptions options = folder.options();
  options.group = "no-such-group-cib";
  const std::string error = start_error(options);
  BOOST_TEST(error.find(folder.socket) != std::string::npos);
  BOOST_TEST(error.find("no-such-group-cib") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_second_server_on_a_live_socket_is_refused) {
  SocketFolder folder;
  LineServer first(folder.options(), admit_all(), echo(), too_large_line);
  first.start();
  BOOST_TEST(start_error(folder.options()) == "an agent already listens on " + folder.socket);
  LineClient client(folder.socket, 1s);
  BOOST_TEST(client.request("still mine", 5s) == "echo still mine");
}

BOOST_AUTO_TEST_CASE(a_stale_socket_file_is_replaced) {
  SocketFolder folder;
  {
    LineServer crashed(folder.options(), admit_all(), echo(), too_large_line);
    crashed.start();
    // A process that died leaves its file: make one by linking it away before the stop.
    BOOST_REQUIRE(::link(folder.socket.c_str(), folder.dir.file("run/kept").c_str()) == 0);
    crashed.stop(0ms);
    BOOST_REQUIRE(::rename(folder.dir.file("run/kept").c_str(), folder.socket.c_str()) == 0);
  }
  BOOST_REQUIRE(is_socket(folder.socket));
  BOOST_CHECK_THROW(LineClient(folder.socket, 1s), AgentUnavailable);
  LineServer server(folder.options(), admit_all(), echo(), too_large_line);
  server.start();
  LineClient client(folder.socket, 1s);
  BOOST_TEST(client.request("new", 5s) == "echo new");
}

BOOST_AUTO_TEST_CASE(a_file_that_is_no_socket_is_left_alone) {
  SocketFolder folder;
  BOOST_REQUIRE(::mkdir(folder.dir.file("run").c_str(), 0700) == 0);
  std::ofstream(folder.socket) << "precious";
  const std::string error = start_error(folder.options());
  BOOST_TEST(error.find(folder.socket + ": exists and is not a socket") == 0u);
  std::ifstream kept(folder.socket);
  std::string content;
  kept >> content;
  BOOST_TEST(content == "precious");
}

BOOST_AUTO_TEST_CASE(stop_removes_the_socket_file) {
  SocketFolder folder;
  LineServer server(folder.options(), admit_all(), echo(), too_large_line);
  server.start();
  BOOST_REQUIRE(is_socket(folder.socket));
  server.stop(1s);
  BOOST_TEST(!is_socket(folder.socket));
  BOOST_CHECK_THROW(LineClient(folder.socket, 1s), AgentUnavailable);
}

BOOST_AUTO_TEST_CASE(a_path_too_long_for_a_socket_is_an_error) {
  SocketFolder folder;
  LineServerOptions options = folder.options();
  options.socket_path = folder.dir.file(std::string(120, 'p'));
  BOOST_TEST(start_error(options).find("too long") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::agent::test
