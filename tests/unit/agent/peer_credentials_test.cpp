// Who may talk to the agent: SO_PEERCRED read on a real connection, the uid and group rules,
// and a real peer of another uid refused (when the tests run as root).
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <boost/test/unit_test.hpp>
#include <cstring>

#include "file_modes.h"
#include "line_client.h"
#include "line_server.h"
#include "server_fixture.h"

namespace cib::agent::test {
namespace {

constexpr uid_t kNobody = 65534;
constexpr uid_t kStranger = 54321;  // a uid no test user has

// In a forked child: only system calls. Connects as uid nobody and reads the first line.
[[noreturn]] void connect_as_nobody(const std::string& path, const char* expected) {
  if (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0) _exit(2);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) _exit(3);
  char line[256] = {};
  std::size_t got = 0;
  ssize_t some;
  while (got < sizeof line - 1 && (some = ::read(fd, line + got, sizeof line - 1 - got)) > 0) {
    got += static_cast<std::size_t>(some);
  }
  _exit(std::strcmp(line, expected) == 0 ? 0 : 4);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(peer_credentials)

BOOST_AUTO_TEST_CASE(peer_of_reports_our_uid_gid_and_pid) {
  int pair[2];
  BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
  const Peer peer = peer_of(pair[0]);
  ::close(pair[0]);
  ::close(pair[1]);
  BOOST_TEST(peer.uid == ::geteuid());
  BOOST_TEST(peer.gid == ::getegid());
  BOOST_TEST(peer.pid == ::getpid());
  BOOST_CHECK_THROW(peer_of(-1), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(our_own_uid_is_allowed_with_or_without_a_group) {
  BOOST_TEST(peer_allowed(Peer{::geteuid(), kStranger, 1}, ""));
  BOOST_TEST(peer_allowed(Peer{::geteuid(), kStranger, 1}, "no-such-group-cib"));
}

BOOST_AUTO_TEST_CASE(another_uid_needs_the_group) {
  const auto group = cib::test::own_group();
  BOOST_REQUIRE(group);
  const gid_t ours = ::getegid();
  BOOST_TEST(!peer_allowed(Peer{kStranger, ours, 1}, ""));
  BOOST_TEST(peer_allowed(Peer{kStranger, ours, 1}, *group));
  BOOST_TEST(!peer_allowed(Peer{kStranger, kStranger, 1}, *group));
  BOOST_TEST(!peer_allowed(Peer{kStranger, ours, 1}, "no-such-group-cib"));
}

BOOST_AUTO_TEST_CASE(a_real_peer_of_another_uid_gets_the_refusal_line) {
  if (::geteuid() != 0) {
    BOOST_TEST_MESSAGE("skipped: dropping to uid nobody needs root");
    return;
  }
  cib::test::TempDir dir("cib-agent");
  BOOST_REQUIRE(::chmod(dir.path().c_str(), 0755) == 0);  // reachable by nobody
  LineServerOptions options;
  options.socket_path = dir.file("agent.sock");
  const Admission by_uid = [](const Peer& peer) -> std::optional<std::string> {
    if (peer_allowed(peer, "")) return std::nullopt;
    return std::string("refused");
  };
  LineServer server(options, by_uid, echo(), too_large_line);
  server.start();
  BOOST_REQUIRE(::chmod(options.socket_path.c_str(), 0666) == 0);  // this test only
  const pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) connect_as_nobody(options.socket_path, "refused\n");
  int status = 0;
  BOOST_REQUIRE(::waitpid(child, &status, 0) == child);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  LineClient own(options.socket_path, 1s);
  BOOST_TEST(own.request("root may", 5s) == "echo root may");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::agent::test
