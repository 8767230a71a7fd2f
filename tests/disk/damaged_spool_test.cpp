// The spool file damaged under a running client: overwritten with garbage in place, replaced by
// another file, or truncated. The client keeps running and delivers what it accepted; a post is
// accepted (SQLite still works from its cache and WAL) or, once the file was replaced, refused
// with a message naming the file; the damaged file stays where it is (the client never deletes
// or moves it); `cibatch spool check` reports it with exit status 5.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <functional>

#include "cli_run.h"
#include "client_fixture.h"
#include "disk_support.h"
#include "sqlite_files.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

struct Damage {
  const char* name;
  std::function<void(const std::string& spool)> apply;
  bool refuses_posts;  // the client notices it at once and refuses posts (CIB_ERR_SPOOL)
};

std::string garbage(std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>((i * 7919 + 13) % 251);
  return bytes;
}

const Damage kDamages[] = {
    {"overwritten in place",
     [](const std::string& spool) { write_file(spool, garbage(file_bytes(spool).size())); }, false},
    {"replaced by another file",
     [](const std::string& spool) {
       write_file(spool + ".new", garbage(64 * 1024));
       BOOST_REQUIRE(std::rename((spool + ".new").c_str(), spool.c_str()) == 0);
     },
     true},
    {"truncated to half",
     [](const std::string& spool) {
       BOOST_REQUIRE(::truncate(spool.c_str(), file_bytes(spool).size() / 2) == 0);
     },
     false},
    {"truncated to nothing",
     [](const std::string& spool) { BOOST_REQUIRE(::truncate(spool.c_str(), 0) == 0); }, false},
};

// Posts 20 times, or until a post is refused when `until_refused` (the file is checked at the
// spool's next write), 10 s at most. Each refusal is CIB_ERR_SPOOL naming the file; returns how
// many posts were accepted before the first refusal, or -1 when none was refused.
int post_after_damage(Ledger& ledger, RecordingClient& session, const std::string& spool,
                      bool until_refused) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int accepted = 0;
  for (int i = 0; until_refused ? std::chrono::steady_clock::now() < deadline : i < 20; ++i) {
    const Outcome outcome = ledger.post(session, "after" + std::to_string(i % 20), "after");
    if (outcome.ok()) {
      ++accepted;
      continue;
    }
    BOOST_TEST(outcome.status == CIB_ERR_SPOOL, outcome.message);
    BOOST_TEST(outcome.message.find(spool) != std::string::npos, outcome.message);
    BOOST_TEST_MESSAGE("  post: " << outcome.message);
    return accepted;
  }
  return -1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(damaged_spool)

BOOST_AUTO_TEST_CASE(a_spool_damaged_under_a_running_client_is_kept_and_reported) {
  for (const Damage& damage : kDamages) {
    BOOST_TEST_CONTEXT(damage.name) {
      BOOST_TEST_MESSAGE(damage.name << ":");
      ForgeSim sim;
      TempDir dir;
      const std::string spool = dir.file("spool.db");
      std::string damaged;
      {
        RecordingClient session(disk_client_yaml(sim, spool, "batch"));
        Ledger ledger;
        for (int i = 0; i < 5; ++i) {
          BOOST_REQUIRE(ledger.post(session, "before" + std::to_string(i), "before").ok());
        }
        BOOST_REQUIRE(session.flush(0, 30000) == CIB_OK);
        BOOST_REQUIRE(ledger.post(session, "pending", "pending").ok());
        damage.apply(spool);
        damaged = file_bytes(spool);
        const int accepted = post_after_damage(ledger, session, spool, damage.refuses_posts);
        // Refused at once, or after the few a running group commit took along.
        BOOST_TEST((accepted >= 0) == damage.refuses_posts, accepted);
        BOOST_TEST_MESSAGE("  posts accepted before a refusal: " << accepted);
        // What the client accepted, before and after, reaches the host all the same.
        expect_all_delivered(session, sim, ledger);
      }
      BOOST_TEST(::access(spool.c_str(), F_OK) == 0);
      BOOST_TEST(file_bytes(spool).size() >= damaged.size());
      std::string output;
      const int code = cli({"spool", "check", "--path", spool}, output);
      BOOST_TEST_MESSAGE("  spool check: exit " << code << ": " << output);
      BOOST_TEST(code == 5, output);
      BOOST_TEST(output.find(spool) != std::string::npos, output);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
