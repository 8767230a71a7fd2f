// capi_cpp_wrapper: cibatch.hpp over the shared library. A refused call throws cibatch::Error
// with the library's status and message; flush and close answer with a Settlement; callbacks
// are std::functions that survive moves, may clear themselves, and never throw into C.
#define BOOST_TEST_MODULE capi_cpp_wrapper
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "capi_support.h"
#include "cibatch.hpp"

namespace cib::capi {
namespace {

// Passes the shim's path rules but is no Bitbucket commit: the provider refuses the slot at
// delivery, without a request, so a quiet client reports FAILED at once.
constexpr const char* kUnsendableCommit = "not-a-commit";

cibatch::Status unsendable_status(const std::string& key) {
  cibatch::Status status;
  status.repo = "acme/web";
  status.commit = kUnsendableCommit;
  status.key = key;
  status.state = CIB_STATE_SUCCESSFUL;
  return status;
}

// Posts an unsendable status and waits until it has failed for good.
void post_and_settle(cibatch::Client& client, const std::string& key) {
  client.post(unsendable_status(key), 1);
  const cibatch::Settlement settled = client.flush(1, 20000);
  BOOST_TEST_REQUIRE(settled.settled(), settled.message);
}

std::size_t poll_all(cibatch::Client& client) {
  std::size_t total = 0;
  for (std::size_t served = client.poll(0); served > 0; served = client.poll(0)) total += served;
  return total;
}

BOOST_AUTO_TEST_SUITE(cpp_wrapper)

BOOST_AUTO_TEST_CASE(a_refused_set_throws_the_status_and_the_library_message) {
  cibatch::Config config;
  try {
    config.set("batching.no_such_key", "1");
    BOOST_ERROR("an unknown key was accepted");
  } catch (const cibatch::Error& e) {
    BOOST_TEST(e.status() == CIB_ERR_CONFIG_UNKNOWN_KEY);
    BOOST_TEST(std::string(e.status_name()) == "CIB_ERR_CONFIG_UNKNOWN_KEY");
    const std::string message = e.what();
    BOOST_TEST(message.rfind("cib_config_set: ", 0) == 0, message);
    BOOST_TEST(message.find("batching.no_such_key") != std::string::npos, message);
  }
}

BOOST_AUTO_TEST_CASE(a_refused_post_throws_and_names_the_field) {
  cibatch::Client client = quiet_client();
  cibatch::Status status = unsendable_status("build");
  status.repo.clear();
  try {
    client.post(status, 1);
    BOOST_ERROR("a status without a repo was accepted");
  } catch (const cibatch::Error& e) {
    BOOST_TEST(e.status() == CIB_ERR_INVALID_ARGUMENT);
    BOOST_TEST(std::string(e.what()).find("repo") != std::string::npos, e.what());
  }
}

BOOST_AUTO_TEST_CASE(config_values_read_back_and_validate_names_a_missing_key) {
  cibatch::Config config;
  config.set("batching.linger_ms", "1234")
      .load_yaml_text("cibatch:\n  shutdown:\n    timeout_ms: 5\n");
  BOOST_TEST(config.value("batching.linger_ms") == "1234");
  BOOST_TEST(config.value("shutdown.timeout_ms") == "5");
  try {
    config.validate();
    BOOST_ERROR("a configuration without a host validated");
  } catch (const cibatch::Error& e) {
    BOOST_TEST(e.status() == CIB_ERR_CONFIG_MISSING);
  }
  quiet_config().validate();
}

BOOST_AUTO_TEST_CASE(flush_answers_undelivered_with_a_count_instead_of_throwing) {
  cibatch::Client client = quiet_client();
  BOOST_TEST(client.flush(0, 0).settled());
  cibatch::Status status = unsendable_status("build");
  status.commit = "3f2c6b1e9a0d4c8b7e5f2a1d0c9b8a7f6e5d4c3b";  // sendable; nothing listens
  client.post(status, 3);
  const cibatch::Settlement flushed = client.flush(3, 0);
  BOOST_TEST(flushed.status == CIB_ERR_UNDELIVERED);
  BOOST_TEST(flushed.left == 1u);
  BOOST_TEST(!flushed.message.empty());
}

BOOST_AUTO_TEST_CASE(close_twice_throws_closed_and_reset_twice_is_harmless) {
  cibatch::Client client = quiet_client();
  const cibatch::Settlement closed = client.close();
  BOOST_TEST(closed.settled(), closed.message);
  BOOST_TEST(closed.left == 0u);
  try {
    client.close();
    BOOST_ERROR("a second close did not throw");
  } catch (const cibatch::Error& e) {
    BOOST_TEST(e.status() == CIB_ERR_CLOSED);
  }
  client.reset();
  client.reset();
  BOOST_TEST(client.get() == nullptr);
  try {
    client.poll(0);
    BOOST_ERROR("poll on a destroyed client did not throw");
  } catch (const cibatch::Error& e) {
    BOOST_TEST(e.status() == CIB_ERR_INVALID_ARGUMENT);
  }
}

BOOST_AUTO_TEST_CASE(a_moved_client_keeps_its_handle_and_its_callbacks) {
  cibatch::Client first = quiet_client();
  std::vector<std::string> commits;
  first.set_delivery_callback([&](const cibatch::Delivery& d) {
    BOOST_TEST(d.outcome() == CIB_OUTCOME_FAILED);
    BOOST_TEST(d.tag() == 1u);
    commits.emplace_back(d.commit());
  });
  cib_client* const handle = first.get();
  cibatch::Client second(std::move(first));
  BOOST_TEST(first.get() == nullptr);  // NOLINT(bugprone-use-after-move): it must be empty
  cibatch::Client third = quiet_client();
  third = std::move(second);
  BOOST_TEST(third.get() == handle);
  post_and_settle(third, "build");
  BOOST_TEST(poll_all(third) == 1u);
  BOOST_TEST(commits == std::vector<std::string>{kUnsendableCommit});
}

BOOST_AUTO_TEST_CASE(an_exception_in_a_callback_is_rethrown_by_poll_once) {
  cibatch::Client client = quiet_client();
  client.set_delivery_callback([](const cibatch::Delivery&) { throw std::logic_error("boom"); });
  post_and_settle(client, "build");
  BOOST_CHECK_EXCEPTION(client.poll(0), std::logic_error,
                        [](const std::logic_error& e) { return std::string(e.what()) == "boom"; });
  BOOST_TEST(client.poll(0) == 0u);
}

BOOST_AUTO_TEST_CASE(a_callback_may_clear_itself) {
  cibatch::Client client = quiet_client();
  int calls = 0;
  std::string kept = "state the callback owns";
  client.set_delivery_callback([&calls, &client, kept](const cibatch::Delivery&) {
    ++calls;
    client.set_delivery_callback(nullptr);
    BOOST_TEST(kept == "state the callback owns");  // still alive after clearing itself
  });
  post_and_settle(client, "a");
  post_and_settle(client, "b");
  poll_all(client);
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(queued_log_lines_reach_the_log_callback) {
  cibatch::Config config = quiet_config();
  config.set("log.queue", "true");
  cibatch::Client client(config);
  std::vector<std::pair<cib_log_level, std::string>> lines;
  client.set_log_callback([&](cib_log_level level, std::string_view message) {
    lines.emplace_back(level, std::string(message));
  });
  post_and_settle(client, "build");
  BOOST_TEST(lines.empty());  // queued: they wait for poll
  poll_all(client);
  const auto names_the_refusal = [](const auto& line) {
    return line.first == CIB_LOG_ERROR && line.second.find("cannot be sent") != std::string::npos;
  };
  BOOST_TEST(std::any_of(lines.begin(), lines.end(), names_the_refusal));
  client.set_log_callback(nullptr);
}

BOOST_AUTO_TEST_CASE(stats_and_spool_check_return_json) {
  cibatch::Client client = quiet_client();
  client.post(unsendable_status("build"), 1);
  BOOST_TEST(stat_counter(client, "calls") == 1);
  const cibatch::SpoolReport absent = cibatch::spool_check("/nonexistent/cibatch/spool.db");
  BOOST_TEST(absent.status == CIB_OK);
  BOOST_TEST(absent.json.find("\"exists\":false") != std::string::npos, absent.json);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
