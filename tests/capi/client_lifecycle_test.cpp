// A client closed and destroyed from several threads at once, and callbacks cleared while they
// run: exactly one close stops the client, destroy frees it only once no call runs, and a
// cleared callback is no longer running when the clear returns.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "capi_support.h"

namespace cib::capi {
namespace {

constexpr int kRounds = 200;
constexpr int kThreads = 8;
constexpr int kPostsPerThread = 10;

// Lets every thread of a round start at once.
class StartLine {
 public:
  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    open_.wait(lock, [this] { return started_; });
  }
  void start() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      started_ = true;
    }
    open_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable open_;
  bool started_ = false;
};

// A client of quiet_config() whose close or destroy gives up delivering after `shutdown_ms`.
cib_client* open_client(const char* shutdown_ms) {
  const cibatch::Config config = quiet_config();
  Errstr e;
  BOOST_REQUIRE(cib_config_set(config.get(), "shutdown.timeout_ms", shutdown_ms, e.data(),
                               e.size()) == CIB_OK);
  cib_client* client = nullptr;
  BOOST_REQUIRE_MESSAGE(cib_client_new(&client, config.get(), e.data(), e.size()) == CIB_OK,
                        e.str());
  return client;
}

cib_status post(cib_client* client, const std::string& key) {
  cib_build_status status = valid_status();
  status.key = key.c_str();
  return cib_client_post_status(client, &status, 1, 0, nullptr, 0);
}

bool settles(cib_status status) {
  return status == CIB_OK || status == CIB_ERR_TIMED_OUT || status == CIB_ERR_UNDELIVERED;
}

// One round: kThreads threads close while kThreads post. Returns a description of what went
// wrong, or "".
std::string close_while_posting(cib_client* client) {
  StartLine line;
  std::vector<cib_status> closes(kThreads, CIB_ERR_INTERNAL);
  std::vector<int> posts_after_closed(kThreads, 0);
  std::vector<cib_status> odd_posts(kThreads, CIB_OK);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      line.wait();
      closes[t] = cib_client_close(client, nullptr, nullptr, nullptr, 0);
    });
    threads.emplace_back([&, t] {
      line.wait();
      bool closed = false;
      for (int i = 0; i < kPostsPerThread; ++i) {
        const cib_status s = post(client, "k" + std::to_string(t) + "-" + std::to_string(i));
        if (s == CIB_ERR_CLOSED) {
          closed = true;
        } else if (closed) {
          ++posts_after_closed[t];  // taken after the client said it was closed
        } else if (s != CIB_OK) {
          odd_posts[t] = s;
        }
      }
    });
  }
  line.start();
  for (auto& thread : threads) thread.join();
  std::string problems;
  int settled = 0;
  for (int t = 0; t < kThreads; ++t) {
    settled += settles(closes[t]) ? 1 : 0;
    if (!settles(closes[t]) && closes[t] != CIB_ERR_CLOSED) {
      problems += std::string(" close returned ") + cib_status_name(closes[t]) + ";";
    }
    if (posts_after_closed[t] > 0) problems += " a post was taken after CIB_ERR_CLOSED;";
    if (odd_posts[t] != CIB_OK) {
      problems += std::string(" a post returned ") + cib_status_name(odd_posts[t]) + ";";
    }
  }
  if (settled != 1) problems += " " + std::to_string(settled) + " closes settled, not 1;";
  if (post(client, "after") != CIB_ERR_CLOSED) problems += " a post after close was not refused;";
  return problems;
}

BOOST_AUTO_TEST_SUITE(client_lifecycle)

BOOST_AUTO_TEST_CASE(concurrent_closes_settle_once_and_later_posts_are_refused) {
  for (int round = 0; round < kRounds; ++round) {
    cib_client* client = open_client("0");
    const std::string problems = close_while_posting(client);
    cib_client_destroy(client);
    BOOST_TEST_REQUIRE(problems.empty(), "round " << round << ":" << problems);
  }
}

// A close that still waits for a delivery (nothing listens) when destroy comes: destroy waits
// for it instead of freeing the client under it (AddressSanitizer sees a use after free).
BOOST_AUTO_TEST_CASE(destroy_during_a_close_waits_for_it) {
  cib_client* client = open_client("300");
  BOOST_TEST_REQUIRE(post(client, "pending") == CIB_OK);
  cib_status closed = CIB_ERR_INTERNAL;
  std::thread closer([&] { closed = cib_client_close(client, nullptr, nullptr, nullptr, 0); });
  // Once a post is refused, the close has begun; it then waits up to 300 ms to deliver.
  while (post(client, "probe") != CIB_ERR_CLOSED) std::this_thread::yield();
  cib_client_destroy(client);
  closer.join();
  BOOST_TEST(settles(closed), "close returned " << cib_status_name(closed));
}

// A log callback that runs on the dispatcher and waits: it sees whether the clear returned
// while it still ran.
struct BlockingLog {
  std::mutex mutex;
  std::condition_variable changed;
  bool entered = false;
  bool cleared = false;  // set once cib_client_set_log_cb(NULL) returned
  bool cleared_while_running = false;

  static void callback(void* opaque, int32_t, const char*) {
    auto* self = static_cast<BlockingLog*>(opaque);
    std::unique_lock<std::mutex> lock(self->mutex);
    if (self->entered) return;  // only the first call waits
    self->entered = true;
    self->changed.notify_all();
    // A correct clear waits for this call, so `cleared` stays false for the whole window.
    self->changed.wait_for(lock, std::chrono::milliseconds(500), [&] { return self->cleared; });
    self->cleared_while_running = self->cleared;
  }
};

BOOST_AUTO_TEST_CASE(clearing_the_log_callback_waits_for_the_call_in_progress) {
  cib_client* client = open_client("0");
  BlockingLog log;
  Errstr e;
  BOOST_TEST_REQUIRE(cib_client_set_log_cb(client, BlockingLog::callback, &log, CIB_LOG_DEBUG,
                                           e.data(), e.size()) == CIB_OK);
  BOOST_TEST_REQUIRE(post(client, "logged") == CIB_OK);
  cib_client_flush(client, 0, 0, nullptr, nullptr, 0);  // sends now; nothing listens: a log line
  {
    std::unique_lock<std::mutex> lock(log.mutex);
    BOOST_TEST_REQUIRE(
        log.changed.wait_for(lock, std::chrono::seconds(30), [&] { return log.entered; }),
        "no log line within 30 s");
  }
  std::thread clearer([&] {
    Errstr ce;
    cib_client_set_log_cb(client, nullptr, nullptr, CIB_LOG_ERROR, ce.data(), ce.size());
    std::lock_guard<std::mutex> lock(log.mutex);
    log.cleared = true;
    log.changed.notify_all();
  });
  clearer.join();
  cib_client_destroy(client);
  BOOST_TEST(!log.cleared_while_running,
             "cib_client_set_log_cb(NULL) returned while the old "
             "callback still ran");
}

// A log callback that clears itself, on the dispatcher thread.
struct SelfClearingLog {
  cib_client* client = nullptr;
  std::mutex mutex;
  std::condition_variable done;
  bool returned = false;
  cib_status status = CIB_ERR_INTERNAL;

  static void callback(void* opaque, int32_t, const char*) {
    auto* self = static_cast<SelfClearingLog*>(opaque);
    const cib_status s =
        cib_client_set_log_cb(self->client, nullptr, nullptr, CIB_LOG_ERROR, nullptr, 0);
    std::lock_guard<std::mutex> lock(self->mutex);
    self->status = s;
    self->returned = true;
    self->done.notify_all();
  }
};

BOOST_AUTO_TEST_CASE(a_log_callback_that_clears_itself_returns) {
  cib_client* client = open_client("0");
  SelfClearingLog log;
  log.client = client;
  Errstr e;
  BOOST_TEST_REQUIRE(cib_client_set_log_cb(client, SelfClearingLog::callback, &log, CIB_LOG_DEBUG,
                                           e.data(), e.size()) == CIB_OK);
  BOOST_TEST_REQUIRE(post(client, "logged") == CIB_OK);
  cib_client_flush(client, 0, 0, nullptr, nullptr, 0);
  {
    std::unique_lock<std::mutex> lock(log.mutex);
    BOOST_TEST_REQUIRE(
        log.done.wait_for(lock, std::chrono::seconds(30), [&] { return log.returned; }),
        "the callback did not return within 30 s");
  }
  cib_client_destroy(client);
  BOOST_TEST(log.status == CIB_OK, "returned " << cib_status_name(log.status));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
