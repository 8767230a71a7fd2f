// I/O errors from the disk under the spool, injected by a SQLite VFS shim (fault_vfs.h) that
// fails reads, writes or syncs of the spool file and its WAL: posts report the error with the
// file's path, the client takes posts again when the errors stop, and nothing it accepted is
// lost or reported FAILED.
#include <boost/test/unit_test.hpp>

#include "disk_support.h"
#include "fault_vfs.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

// Disarms the shim when a test ends, also when it fails.
struct Armed {
  explicit Armed(const FaultPlan& plan) { arm_faults(plan); }
  ~Armed() { disarm_faults(); }
  Armed(const Armed&) = delete;
  Armed& operator=(const Armed&) = delete;
};

// With `plan` armed, a post that must reach the disk is refused naming the file; disarmed, the
// same client takes posts again and delivers everything it accepted.
void refused_while_failing_then_recovers(const FaultPlan& plan) {
  BOOST_REQUIRE(install_fault_vfs());
  ForgeSim sim;
  TempDir dir;
  const std::string spool = dir.file("spool.db");
  RecordingClient session(disk_client_yaml(sim, spool, "always"));
  Ledger ledger;
  BOOST_REQUIRE(ledger.post(session, "before", "accepted before").ok());
  Outcome refused;
  {
    const Armed armed(plan);
    refused = ledger.post(session, "during", "refused while the disk fails");
    BOOST_TEST(faults_injected() > 0);
  }
  BOOST_TEST(refused.status == CIB_ERR_SPOOL, refused.message);
  BOOST_TEST(names_all(refused.message, {spool, "cibatch spool check"}), refused.message);
  BOOST_TEST_MESSAGE("refused: " << refused.message);
  BOOST_TEST(ledger.post(session, "after", "accepted after").ok());
  expect_all_delivered(session, sim, ledger);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(io_errors)

BOOST_AUTO_TEST_CASE(write_errors_refuse_posts_by_path_until_they_stop) {
  FaultPlan plan;
  plan.file_part = "spool.db";
  plan.writes = true;
  refused_while_failing_then_recovers(plan);
}

BOOST_AUTO_TEST_CASE(sync_errors_refuse_posts_by_path_until_they_stop) {
  FaultPlan plan;
  plan.file_part = "spool.db";
  plan.syncs = true;
  refused_while_failing_then_recovers(plan);
}

BOOST_AUTO_TEST_CASE(errors_at_every_step_of_a_delivery_lose_nothing_and_fail_nothing) {
  // The k-th write or sync of the spool after a post fails, and every one after it until the
  // flush gives up: in the lease, the saved remote state, the delivered record, the commit.
  BOOST_REQUIRE(install_fault_vfs());
  ForgeSim sim;
  TempDir dir;
  RecordingClient session(disk_client_yaml(sim, dir.file("spool.db"), "batch"));
  Ledger ledger;
  int injected = 0;
  for (int skip = 0; skip < 12; ++skip) {
    const std::string key = "k" + std::to_string(skip);
    BOOST_REQUIRE(ledger.post(session, key, "comment " + key).ok());
    FaultPlan plan;
    plan.file_part = "spool.db";
    plan.writes = true;
    plan.syncs = true;
    plan.skip = skip;
    const Armed armed(plan);
    session.flush(0, 300);
    injected += faults_injected();
  }
  expect_all_delivered(session, sim, ledger);
  BOOST_TEST(injected > 0);
  BOOST_TEST_MESSAGE(injected << " I/O errors injected over 12 deliveries");
}

BOOST_AUTO_TEST_CASE(read_errors_during_deliveries_delay_them_and_lose_nothing) {
  BOOST_REQUIRE(install_fault_vfs());
  ForgeSim sim;
  TempDir dir;
  RecordingClient session(disk_client_yaml(sim, dir.file("spool.db"), "batch"));
  Ledger ledger;
  for (int i = 0; i < 5; ++i) {
    BOOST_REQUIRE(ledger.post(session, "r" + std::to_string(i), "read fault").ok());
  }
  {
    FaultPlan plan;
    plan.file_part = "spool.db";
    plan.reads = true;
    const Armed armed(plan);
    session.flush(0, 1000);
    BOOST_TEST_MESSAGE(faults_injected() << " reads failed");
  }
  expect_all_delivered(session, sim, ledger);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
