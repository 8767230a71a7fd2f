// A host configured unlike its vendor's default (a lower limit on a short window) is followed,
// not guessed at: the client learns the limit from X-RateLimit-Limit, says once that the window
// is assumed, and never waits longer than the host's own answers say.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>

#include "client_fixture.h"
#include "recording_client.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

constexpr int kPosts = 50;

int lines_naming(RecordingClient& session, const std::string& words) {
  int found = 0;
  for (const std::string& line : session.log_lines()) {
    if (line.find(words) != std::string::npos) ++found;
  }
  return found;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_window)

BOOST_AUTO_TEST_CASE(a_learned_limit_on_an_unknown_window_waits_only_as_the_host_says) {
  ForgeSimOptions options;
  options.rate_limit = 20;
  options.rate_window_s = 3;
  ForgeSim sim(options);
  TempDir dir;
  // No budget.limit or budget.window_s: Bitbucket Cloud's defaults, 1000 per hour.
  RecordingClient session(
      client_yaml(sim, "  budget: { path: \"" + dir.file("budget.db") + "\" }\n"));
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kPosts; ++i) {
    session.status(kRepo, kCommit, "stage-" + std::to_string(i), CIB_STATE_SUCCESSFUL);
  }
  std::size_t left = 0;
  BOOST_TEST(session.flush(0, 30000, &left) == CIB_OK);
  BOOST_TEST(left == 0u);
  const long long took_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - start)
                                .count();
  // 50 posts at 20 per 3 s take about two windows; the host's Retry-After never says more.
  BOOST_TEST(took_ms < 20000);
  int delivered = 0;
  for (const Delivery& d : session.deliveries()) delivered += d.outcome == CIB_OUTCOME_DELIVERED;
  BOOST_TEST(delivered == kPosts);
  BOOST_TEST(lines_naming(session, "budget.window_s") == 1);
  BOOST_TEST(session.stats().find("\"requests\":") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
