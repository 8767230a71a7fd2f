// Posts a client accepts are counted in cib_client_stats_json, from any number of threads, and
// a client whose lingers have not elapsed sends nothing.
#include <atomic>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "capi_support.h"

namespace cib::capi {
namespace {

constexpr int kThreads = 8;
constexpr int kPostsPerThread = 1000;

BOOST_AUTO_TEST_SUITE(accepted_posts)

BOOST_AUTO_TEST_CASE(each_accepted_post_counts_one_call_and_nothing_is_sent_before_its_linger) {
  const cibatch::Client client = quiet_client();
  BOOST_TEST(stat_counter(client, "calls") == 0);
  const cib_build_status status = valid_status();
  const cib_comment comment = valid_comment();
  const ValidReport report;
  Errstr e;
  check_accepted(cib_client_post_status(client.get(), &status, 1, 0, e.data(), e.size()), e);
  check_accepted(cib_client_post_comment(client.get(), &comment, 1, 0, e.data(), e.size()), e);
  check_accepted(cib_client_post_report(client.get(), &report.report, 1, 0, e.data(), e.size()), e);
  BOOST_TEST(stat_counter(client, "calls") == 3);
  BOOST_TEST(stat_counter(client, "requests") == 0);
}

BOOST_AUTO_TEST_CASE(refused_posts_leave_nothing_waiting) {
  const cibatch::Client client = quiet_client();
  cib_build_status status = valid_status();
  status.state = 42;
  Errstr e;
  BOOST_TEST(cib_client_post_status(client.get(), &status, 1, 0, e.data(), e.size()) ==
             CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(stat_counter(client, "pending") == 0);
  BOOST_TEST(stat_counter(client, "requests") == 0);
}

// Every thread waits on one start signal, so the posts really overlap.
BOOST_AUTO_TEST_CASE(posts_from_eight_threads_are_all_counted) {
  const cibatch::Client client = quiet_client();
  std::promise<void> start;
  const std::shared_future<void> started = start.get_future().share();
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&client, &refused, started, t] {
      started.wait();
      cib_build_status status = valid_status();
      status.state = CIB_STATE_INPROGRESS;
      char errstr[256];
      for (int i = 0; i < kPostsPerThread; ++i) {
        const std::string key = "stage-" + std::to_string(t) + "-" + std::to_string(i);
        status.key = key.c_str();
        if (cib_client_post_status(client.get(), &status, static_cast<uint64_t>(t + 1), 0, errstr,
                                   sizeof errstr) != CIB_OK) {
          refused.fetch_add(1);
        }
      }
    });
  }
  start.set_value();
  for (std::thread& thread : threads) thread.join();
  BOOST_TEST(refused.load() == 0);
  BOOST_TEST(stat_counter(client, "calls") == kThreads * kPostsPerThread);
  BOOST_TEST(stat_counter(client, "requests") == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
