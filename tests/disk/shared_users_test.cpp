// Two users of one agent sharing a spool directory through spool.group: root (CI) forks
// children that take two unprivileged uids with the group `users` as theirs, and each runs
// `cibatch status` on the shared spool, both at once, three times. Every post arrives, no
// permission error, and the spool's files stay group-shared (0660, group `users`).
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "client_fixture.h"
#include "disk_support.h"
#include "file_modes.h"
#include "sqlite_files.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

constexpr uid_t kUsers[] = {64101, 64102};  // no passwd entries needed

struct Child {
  pid_t pid = -1;
  int out = -1;
};

// The build tree may lie in a folder only its owner enters (a checkout in a 0700 temp
// folder): the command and its library are copied into `folder`, which the users reach.
std::string reachable_cli(const std::string& folder) {
  BOOST_REQUIRE(::mkdir(folder.c_str(), 0755) == 0);
  const std::string cli = folder + "/cibatch";
  write_file(cli, file_bytes(CIB_CLI_PATH));
  write_file(folder + "/libcibatch.so.1", file_bytes(CIB_LIBRARY_PATH));
  BOOST_REQUIRE(::chmod(cli.c_str(), 0755) == 0);
  BOOST_REQUIRE(::chmod((folder + "/libcibatch.so.1").c_str(), 0644) == 0);
  return cli;
}

// Runs `cli` as `uid` with `gid` as its only group, its library from cli's folder; stdout and
// stderr on a pipe.
Child start_as(uid_t uid, gid_t gid, const std::string& cli, const std::vector<std::string>& args,
               const std::string& home) {
  int fds[2];
  BOOST_REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
  std::vector<std::string> argv{cli};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> raw;
  for (std::string& a : argv) raw.push_back(a.data());
  raw.push_back(nullptr);
  const std::string env_home = "HOME=" + home;
  const std::string env_library = "LD_LIBRARY_PATH=" + cli.substr(0, cli.rfind('/'));
  char* envp[] = {const_cast<char*>(env_home.c_str()), const_cast<char*>(env_library.c_str()),
                  nullptr};
  const pid_t pid = ::fork();
  if (pid == 0) {  // only async-signal-safe calls until exec
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    if (::setgroups(1, &gid) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0) ::_exit(126);
    ::execve(raw[0], raw.data(), envp);
    ::_exit(127);
  }
  ::close(fds[1]);
  BOOST_REQUIRE(pid > 0);
  return Child{pid, fds[0]};
}

// Waits for the child (the CLI ends on its own: its flush has a timeout); its exit code and
// what it printed.
int finish(const Child& child, std::string& output) {
  char buffer[4096];
  ssize_t n = 0;
  while ((n = ::read(child.out, buffer, sizeof buffer)) > 0) output.append(buffer, n);
  ::close(child.out);
  int status = 0;
  ::waitpid(child.pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// The spool and the budget both shared through the group, as the two users of an agent would.
std::string shared_config(const ForgeSim& sim, const std::string& spool,
                          const std::string& budget) {
  return client_yaml(sim,
                     "  spool: { path: \"" + spool + "\", group: users }\n  budget: { path: \"" +
                         budget + "\", group: users }\n",
                     "shared-token", "{ linger_ms: 0, terminal_linger_ms: 0 }");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shared_users)

BOOST_AUTO_TEST_CASE(two_users_share_a_spool_directory_through_spool_group) {
  const struct group* users = ::getgrnam("users");
  if (::geteuid() != 0 || users == nullptr) {
    BOOST_TEST_MESSAGE("skipped: needs root and the group `users` to run as two other users");
    return;
  }
  const gid_t gid = users->gr_gid;
  ForgeSim sim;
  TempDir dir;
  BOOST_REQUIRE(::chmod(dir.path().c_str(), 0755) == 0);  // the users reach what is inside
  const std::string cli = reachable_cli(dir.file("bin"));
  const std::string shared = dir.file("shared");
  BOOST_REQUIRE(::mkdir(shared.c_str(), 0700) == 0);
  BOOST_REQUIRE(::chown(shared.c_str(), 0, gid) == 0);
  BOOST_REQUIRE(::chmod(shared.c_str(), 02770) == 0);
  const std::string spool = shared + "/spool.db";
  write_file(dir.file("cibatch.yml"), shared_config(sim, spool, shared + "/budget.db"));
  BOOST_REQUIRE(::chmod(dir.file("cibatch.yml").c_str(), 0644) == 0);
  DesiredState want;
  for (int round = 0; round < 3; ++round) {
    std::vector<Child> children;
    for (const uid_t uid : kUsers) {
      const std::string key = "u" + std::to_string(uid) + "-" + std::to_string(round);
      want.statuses[kRepo + "|" + kCommit + "|" + key] = "SUCCESSFUL";
      children.push_back(start_as(uid, gid, cli,
                                  {"status", "--config", dir.file("cibatch.yml"), "--repo", kRepo,
                                   "--commit", kCommit, "--key", key, "--state", "SUCCESSFUL"},
                                  dir.path()));
    }
    for (const Child& child : children) {
      std::string output;
      const int code = finish(child, output);
      BOOST_TEST(code == 0, "exit " << code << ": " << output);
      BOOST_TEST(output.find("ermission") == std::string::npos, output);
    }
  }
  const auto diffs = compare_state(sim.state(), want);
  BOOST_TEST(diffs.empty(), diffs.size()
                                << " differences, first: " << (diffs.empty() ? "" : diffs.front()));
  for (const std::string& file : {spool, shared + "/budget.db"}) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      const std::string path = file + suffix;
      if (::access(path.c_str(), F_OK) != 0) continue;
      BOOST_TEST(mode_of(path) == 0660u, path);
      BOOST_TEST(group_of(path) == gid, path);
    }
  }
  BOOST_TEST(mode_of(shared) == 02770u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
