#include "spool/process_owner.h"

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>

namespace cib {

namespace {

// A child that exits at once, reaped before this returns: its pid names no process.
pid_t reaped_child() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  BOOST_REQUIRE(child > 0);
  int status = 0;
  BOOST_REQUIRE(::waitpid(child, &status, 0) == child);
  return child;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(process_owner)

BOOST_AUTO_TEST_CASE(this_process_is_not_gone) {
  const ProcessOwner self = current_process_owner();
  BOOST_TEST(self.pid == static_cast<std::int64_t>(::getpid()));
  BOOST_TEST(!self.boot_id.empty());
  BOOST_TEST(self.start_time > 0);
  BOOST_TEST(!owner_is_gone(self));
  BOOST_TEST((current_process_owner() == self));
}

BOOST_AUTO_TEST_CASE(a_reaped_child_is_gone) {
  ProcessOwner owner = current_process_owner();
  owner.pid = reaped_child();
  BOOST_TEST(owner_is_gone(owner));
}

BOOST_AUTO_TEST_CASE(a_forked_child_sees_its_own_pid_and_start_time) {
  const ProcessOwner parent = current_process_owner();
  int pipe_ends[2];
  BOOST_REQUIRE(::pipe(pipe_ends) == 0);
  const pid_t child = ::fork();
  if (child == 0) {
    const ProcessOwner mine = current_process_owner();
    const bool ok = mine.pid == static_cast<std::int64_t>(::getpid()) &&
                    mine.boot_id == parent.boot_id && !owner_is_gone(mine) &&
                    !owner_is_gone(parent);
    const char answer = ok ? 'y' : 'n';
    ::_exit(::write(pipe_ends[1], &answer, 1) == 1 ? 0 : 1);
  }
  BOOST_REQUIRE(child > 0);
  ::close(pipe_ends[1]);
  char answer = 0;
  const ssize_t got = ::read(pipe_ends[0], &answer, 1);
  ::close(pipe_ends[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  BOOST_TEST(got == 1);
  BOOST_TEST(answer == 'y');
  BOOST_TEST((current_process_owner() == parent));
}

BOOST_AUTO_TEST_CASE(a_pid_that_started_at_another_time_is_gone) {
  ProcessOwner forged = current_process_owner();
  forged.start_time += 1;
  BOOST_TEST(owner_is_gone(forged));
}

BOOST_AUTO_TEST_CASE(an_owner_from_another_boot_is_gone) {
  ProcessOwner other = current_process_owner();
  other.boot_id = "00000000-0000-0000-0000-000000000000";
  BOOST_TEST(owner_is_gone(other));
}

BOOST_AUTO_TEST_CASE(pids_that_kill_reads_as_groups_are_gone) {
  ProcessOwner owner = current_process_owner();
  for (std::int64_t pid : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1} << 40}) {
    owner.pid = pid;
    BOOST_TEST(owner_is_gone(owner));
  }
}

BOOST_AUTO_TEST_CASE(the_machine_hash_is_stable) {
  BOOST_TEST(machine_id_hash() == machine_id_hash());
  BOOST_TEST(machine_id_hash() != 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
