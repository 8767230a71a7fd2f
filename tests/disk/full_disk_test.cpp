// A spool on a disk that fills up: a small tmpfs as the spool's directory, filled by another
// file while a client runs. Posts are refused with CIB_ERR_SPOOL_FULL naming the file and the
// fix; what was accepted before is delivered once the other file is gone, and posts are taken
// again.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <optional>

#include "client_fixture.h"
#include "disk_support.h"
#include "mounts.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

constexpr std::int64_t kDiskBytes = 4 * 1024 * 1024;
const std::string kBody(8 * 1024, 'b');

// A 4 MiB tmpfs on a new directory, where the spool and a filler file go; no mount, after
// saying why, where it cannot be mounted (not root).
struct SmallDisk {
  SmallDisk() {
    const std::string disk = dir.file("disk");
    BOOST_REQUIRE(::mkdir(disk.c_str(), 0700) == 0);
    Mount made = Mount::tmpfs(disk, kDiskBytes);
    if (!made.made()) {
      BOOST_TEST_MESSAGE("skipped (needs root): " << made.why_not());
      return;
    }
    mount.emplace(std::move(made));
  }
  TempDir dir;
  std::optional<Mount> mount;
  const std::string spool = dir.file("disk/spool.db");
  const std::string filler = dir.file("disk/filler");
};

// Posts `key` until it is accepted or 20 s pass; the last outcome.
Outcome post_until_accepted(Ledger& ledger, RecordingClient& session, const std::string& key) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  Outcome outcome = ledger.post(session, key, kBody);
  while (!outcome.ok() && std::chrono::steady_clock::now() < deadline) {
    outcome = ledger.post(session, key, kBody);
  }
  return outcome;
}

void post_accepted(Ledger& ledger, RecordingClient& session, const std::string& prefix) {
  for (int i = 0; i < 20; ++i) {
    BOOST_REQUIRE(ledger.post(session, prefix + std::to_string(i), kBody).ok());
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(full_disk)

BOOST_AUTO_TEST_CASE(posts_on_a_full_disk_are_refused_by_name_and_accepted_ones_arrive_later) {
  const SmallDisk disk;
  if (!disk.mount) return;
  ForgeSim sim;
  const std::string& spool = disk.spool;
  const std::string& filler = disk.filler;
  RecordingClient session(disk_client_yaml(sim, spool));
  Ledger ledger;
  post_accepted(ledger, session, "before");
  // Another file takes every byte left, also what the accepted posts had reserved, and what
  // the spool gives back when it cuts its WAL.
  BOOST_TEST(fill_disk(filler) > 0);
  Outcome refused;
  for (int i = 0; i < 50 && refused.ok(); ++i) {
    refused = ledger.post(session, "during" + std::to_string(i), kBody);
    fill_disk(filler);
  }
  BOOST_TEST(refused.status == CIB_ERR_SPOOL_FULL, refused.message);
  BOOST_TEST(names_all(refused.message, {spool, "free disk space"}), refused.message);
  const Outcome gating = attempt([&] { session.status(kRepo, kCommit, "b", CIB_STATE_FAILED); });
  BOOST_TEST(gating.status == CIB_ERR_SPOOL_FULL, gating.message);
  BOOST_TEST_MESSAGE("refused: " << refused.message);

  BOOST_REQUIRE(::unlink(filler.c_str()) == 0);
  const Outcome after = post_until_accepted(ledger, session, "after");
  BOOST_TEST(after.ok(), after.message);
  expect_all_delivered(session, sim, ledger);
  BOOST_TEST(::access(spool.c_str(), F_OK) == 0);
  BOOST_TEST_MESSAGE(ledger.accepted() << " posts accepted");
}

BOOST_AUTO_TEST_CASE(a_client_closed_on_a_full_disk_leaves_its_posts_to_the_next_one) {
  const SmallDisk disk;
  if (!disk.mount) return;
  ForgeSim sim;
  const std::string& spool = disk.spool;
  Ledger ledger;
  {
    // With sync: always every accepted post is on disk before the call returns; with batch,
    // what the committer could not write before the close is lost with the process (the log
    // says how many).
    RecordingClient session(disk_client_yaml(sim, spool, "always"));
    post_accepted(ledger, session, "k");
    BOOST_TEST(fill_disk(disk.filler) > 0);
    // Delivering on a full disk (leases, delivered records) must neither hang nor lose.
    const auto start = std::chrono::steady_clock::now();
    const cib_status flushed = session.flush(0, 3000);
    const auto took_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - start)
                             .count();
    BOOST_TEST(took_ms < 5000);
    BOOST_TEST_MESSAGE("flush on a full disk: " << cib_status_name(flushed) << " after " << took_ms
                                                << " ms");
    // A failure met again and again is logged once: a full disk must not flood the log.
    int dispatcher_lines = 0;
    for (const auto& line : session.log_lines()) {
      dispatcher_lines += line.rfind("dispatcher: ", 0) == 0 ? 1 : 0;
    }
    BOOST_TEST(dispatcher_lines <= 2);
  }  // closed while the disk is full
  BOOST_REQUIRE(::unlink(disk.filler.c_str()) == 0);
  RecordingClient next(disk_client_yaml(sim, spool));
  expect_all_delivered(next, sim, ledger);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
