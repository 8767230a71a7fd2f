// A spool the disk will not let anyone write, root included: an immutable file or directory
// (chattr +i, on the real disk: tmpfs has no such attribute) and a read-only bind mount. Opening
// a client or posting gives CIB_ERR_SPOOL_READ_ONLY (or CIB_ERR_SPOOL) with a message naming
// the path and the fix; nothing is deleted; the attribute and the mount go away with the test.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "disk_support.h"
#include "file_modes.h"
#include "mounts.h"
#include "sqlite_files.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

// Opens a client on `spool`; its status and message, or CIB_OK.
Outcome open_client(const ForgeSim& sim, const std::string& spool) {
  return attempt([&] { RecordingClient session(disk_client_yaml(sim, spool)); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(read_only)

BOOST_AUTO_TEST_CASE(an_immutable_spool_file_refuses_the_client_by_name_and_stays) {
  ForgeSim sim;
  TempDir dir;
  const std::string spool = dir.file("spool.db");
  make_spool(sim, spool);
  const std::string before = file_bytes(spool);
  const ImmutableFile immutable(spool);
  if (!immutable.made()) {
    BOOST_TEST_MESSAGE("skipped: cannot make a file immutable here (chattr +i)");
    return;
  }
  const Outcome opened = open_client(sim, spool);
  BOOST_TEST_MESSAGE("open: " << opened.message);
  BOOST_TEST(opened.status == CIB_ERR_SPOOL_READ_ONLY, opened.message);
  BOOST_TEST(names_all(opened.message, {spool, "chattr -i"}), opened.message);
  BOOST_TEST(file_bytes(spool) == before);
}

BOOST_AUTO_TEST_CASE(a_spool_file_made_immutable_while_a_client_runs_refuses_posts_by_name) {
  // The client gives the spool up for good (its connection could raise SIGBUS); what it had
  // accepted stays in the file for the next client.
  ForgeSim sim;
  TempDir dir;
  const std::string spool = dir.file("spool.db");
  Ledger ledger;
  {
    RecordingClient session(disk_client_yaml(sim, spool, "always"));
    BOOST_REQUIRE(ledger.post(session, "before", "accepted before").ok());
    const ImmutableFile immutable(spool);
    if (!immutable.made()) {
      BOOST_TEST_MESSAGE("skipped: cannot make a file immutable here (chattr +i)");
      return;
    }
    const Outcome refused = ledger.post(session, "during", "refused");
    BOOST_TEST_MESSAGE("post: " << refused.message);
    BOOST_TEST(refused.status == CIB_ERR_SPOOL_READ_ONLY, refused.message);
    BOOST_TEST(names_all(refused.message, {spool, "chattr -i"}), refused.message);
    BOOST_TEST(session.flush(0, 1000) != CIB_OK);
  }
  RecordingClient next(disk_client_yaml(sim, spool));
  BOOST_TEST(ledger.post(next, "after", "accepted after").ok());
  expect_all_delivered(next, sim, ledger);
}

BOOST_AUTO_TEST_CASE(an_immutable_spool_directory_refuses_the_client_by_name) {
  ForgeSim sim;
  TempDir dir;
  const std::string folder = dir.file("spool");
  BOOST_REQUIRE(::mkdir(folder.c_str(), 0700) == 0);
  for (const bool with_file : {false, true}) {
    if (with_file) make_spool(sim, folder + "/spool.db");
    const ImmutableFile immutable(folder);
    if (!immutable.made()) {
      BOOST_TEST_MESSAGE("skipped: cannot make a directory immutable here (chattr +i)");
      return;
    }
    const Outcome opened = open_client(sim, folder + "/spool.db");
    BOOST_TEST_MESSAGE("open (" << (with_file ? "a spool in it" : "empty")
                                << "): " << opened.message);
    BOOST_TEST((opened.status == CIB_ERR_SPOOL_READ_ONLY || opened.status == CIB_ERR_SPOOL),
               opened.message);
    BOOST_TEST(names_all(opened.message, {folder, "chattr -i"}), opened.message);
  }
  BOOST_TEST(::access((folder + "/spool.db").c_str(), F_OK) == 0);
}

BOOST_AUTO_TEST_CASE(a_spool_on_a_read_only_mount_refuses_the_client_by_name) {
  ForgeSim sim;
  TempDir dir;
  const std::string source = dir.file("source");
  const std::string view = dir.file("view");
  BOOST_REQUIRE(::mkdir(source.c_str(), 0700) == 0);
  BOOST_REQUIRE(::mkdir(view.c_str(), 0700) == 0);
  make_spool(sim, source + "/spool.db");
  const std::string before = file_bytes(source + "/spool.db");
  const Mount mount = Mount::read_only_bind(source, view);
  if (!mount.made()) {
    BOOST_TEST_MESSAGE("skipped (needs root): " << mount.why_not());
    return;
  }
  for (const std::string& spool : {view + "/spool.db", view + "/new/spool.db"}) {
    const Outcome opened = open_client(sim, spool);
    BOOST_TEST_MESSAGE("open: " << opened.message);
    BOOST_TEST((opened.status == CIB_ERR_SPOOL_READ_ONLY || opened.status == CIB_ERR_SPOOL),
               opened.message);
    BOOST_TEST(names_all(opened.message, {view, "ead-only"}), opened.message);
  }
  BOOST_TEST(file_bytes(source + "/spool.db") == before);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
